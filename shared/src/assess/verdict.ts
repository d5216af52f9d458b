import type { Finding, Verdict } from '../detect/finding.js';
import type { Kind } from '../detect/kinds.js';

/** Identifiers that point at one person wherever they appear. */
const PERSONAL: ReadonlySet<Kind> = new Set<Kind>([
  'NAME', 'SSN', 'MRN', 'HEALTH_PLAN_ID', 'LICENSE', 'VEHICLE', 'DEVICE', 'BIOMETRIC', 'PHOTO', 'AGE',
]);
/** Account and reference numbers: a patient's when the draft is about a patient, else a business's. */
const REFERENCE: ReadonlySet<Kind> = new Set<Kind>(['ACCOUNT', 'OTHER_ID']);
// Everything else (dates, places, phones, emails, links, IPs) is an identifier only when it belongs
// to such a person: Safe Harbor lists them, but a meeting date or a help-desk line is nobody's PHI.

export interface Cues {
  /** The draft speaks of a patient, member or relative (pt, DOB, his, her, member…). */
  readonly aboutPatient: boolean;
}

export interface Assessment extends Verdict {
  /** The findings worth showing: those not tied to a person are dropped when the draft holds no PHI. */
  readonly findings: Finding[];
}

/**
 * PHI: an identifier of a person together with health, care or payment information, anywhere in
 * the draft (quoted history included). The subject leaks when it carries a person identifier of
 * such a draft, because subjects travel unencrypted and show in notification previews.
 */
export function assess(findings: readonly Finding[], cues: Cues): Assessment {
  const identifiesPerson = (f: Finding) =>
    f.category === 'identifier' && (PERSONAL.has(f.kind) || (cues.aboutPatient && REFERENCE.has(f.kind)));
  const phi = findings.some((f) => f.category === 'health') && findings.some(identifiesPerson);
  const subjectPhi = phi && findings.some((f) => f.field === 'subject' && identifiesPerson(f));
  const shown = phi ? [...findings] : findings.filter((f) => f.category === 'health' || identifiesPerson(f));
  return { phi, subjectPhi, findings: shown };
}
