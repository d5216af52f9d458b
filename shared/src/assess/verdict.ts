import type { Finding, Verdict } from '../detect/finding.js';

/**
 * PHI: an identifier of a person together with health, care or payment information, anywhere in
 * the draft (quoted history included). The subject leaks when it carries a patient identifier of
 * such a draft on its own line, because subjects travel unencrypted and show in previews.
 */
export function assess(findings: readonly Finding[]): Verdict {
  const hasIdentifier = findings.some((f) => f.category === 'identifier');
  const hasHealth = findings.some((f) => f.category === 'health');
  const phi = hasIdentifier && hasHealth;
  const subjectPhi = phi && findings.some((f) => f.field === 'subject' && f.category === 'identifier');
  return { phi, subjectPhi };
}
