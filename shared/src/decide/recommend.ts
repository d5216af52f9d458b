import type { ScanResult } from '../detect/finding.js';
import type { Policy } from '../policy/schema.js';
import { decide } from './decide.js';
import type { RecipientDecision } from './decision.js';
import type { RecipientInput } from './recipient.js';

/** A draft with PHI in its body and nothing else: the case a recipient lookup prepares for. */
const PHI_IN_BODY: ScanResult = { phi: true, subjectPhi: false, findings: [] };

/**
 * What the policy would ask for each recipient on its own if the draft held PHI: whether it needs
 * protection and which method to use. The recipient lookup's recommendation, made by decide itself.
 */
export function recommendProtection(recipient: RecipientInput, policy: Policy): RecipientDecision {
  return decide(PHI_IN_BODY, [recipient], 'none', policy).perRecipient[0]!;
}
