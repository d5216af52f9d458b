import type { Finding, Verdict } from '../detect/finding.js';
import type { Kind } from '../detect/kinds.js';

/**
 * Identifiers that point at one person wherever they appear. Dates, places and contact details
 * are PHI only when they belong to such a person (Safe Harbor lists them, but a meeting date or a
 * help-desk address is nobody's health information).
 */
const DIRECT: ReadonlySet<Kind> = new Set<Kind>([
  'NAME', 'SSN', 'MRN', 'HEALTH_PLAN_ID', 'ACCOUNT', 'LICENSE', 'VEHICLE', 'DEVICE', 'OTHER_ID', 'BIOMETRIC', 'PHOTO', 'AGE',
]);

export const isDirectIdentifier = (f: Finding) => f.category === 'identifier' && DIRECT.has(f.kind);

export interface Assessment extends Verdict {
  /** The findings worth showing: quasi-identifiers are dropped when no person's health is in the draft. */
  readonly findings: Finding[];
}

/**
 * PHI: an identifier of a person together with health, care or payment information, anywhere in
 * the draft (quoted history included). The subject leaks when it carries a person identifier of
 * such a draft, because subjects travel unencrypted and show in notification previews.
 */
export function assess(findings: readonly Finding[]): Assessment {
  const hasHealth = findings.some((f) => f.category === 'health');
  const phi = hasHealth && findings.some(isDirectIdentifier);
  const subjectPhi = phi && findings.some((f) => f.field === 'subject' && isDirectIdentifier(f));
  const shown = phi ? [...findings] : findings.filter((f) => f.category === 'health' || isDirectIdentifier(f));
  return { phi, subjectPhi, findings: shown };
}
