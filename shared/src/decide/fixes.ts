import type { Finding } from '../detect/finding.js';
import type { Fix } from '../fix/fix.js';
import { maskStyleFor } from '../fix/mask.js';
import { neutralSubject } from '../fix/neutral-subject.js';
import type { Action } from '../policy/action.js';
import type { ApplicableMethod } from '../policy/protection.js';
import type { Policy } from '../policy/schema.js';
import { toRefs, uniqueSorted } from './order.js';
import type { ReasonCode } from './reasons.js';

/** Reasons that taking the recipient off the message resolves. */
const REMOVABLE: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'lookalike_domain', 'consent_missing', 'phi_recipient_blocked', 'no_protection_method',
]);

export interface FixInput {
  readonly action: Action;
  /** Sorted canonically. */
  readonly findings: readonly Finding[];
  readonly phi: boolean;
  readonly hits: readonly { readonly code: ReasonCode; readonly address?: string }[];
  readonly protection: { readonly method: ApplicableMethod | undefined; readonly recipients: readonly string[] };
  readonly policy: Policy;
}

/** The edits that would resolve the reasons, in a fixed order: subject, masks, disclaimer, protection, recipients. */
export function buildFixes({ action, findings, phi, hits, protection, policy }: FixInput): Fix[] {
  const fixes: Fix[] = [];
  if (action !== 'allow') {
    if (findings.some((f) => f.field === 'subject')) fixes.push({ type: 'neutral_subject', subject: neutralSubject(policy) });
    const maskable = findings.filter((f) => f.category === 'identifier' && f.field !== 'attachment');
    for (const ref of toRefs(maskable)) {
      const style = maskStyleFor(ref.kind);
      if (style && ref.field !== 'attachment') {
        fixes.push({ type: 'mask', field: ref.field, start: ref.start, end: ref.end, kind: ref.kind, style });
      }
    }
  }
  if (phi && policy.disclaimer.trim() !== '') fixes.push({ type: 'add_disclaimer', text: policy.disclaimer });
  if (protection.method && protection.recipients.length > 0) {
    fixes.push({ type: 'apply_protection', method: protection.method, recipients: [...protection.recipients] });
  }
  const removable = hits.filter((h) => h.address !== undefined && REMOVABLE.has(h.code));
  for (const address of uniqueSorted(removable.map((h) => h.address!))) {
    const reasons = uniqueSorted(removable.filter((h) => h.address === address).map((h) => h.code));
    fixes.push({ type: 'remove_recipient', address, reasons });
  }
  return fixes;
}
