import type { Field, Finding, ScanResult } from '../detect/finding.js';
import { categoryOf, type Kind } from '../detect/kinds.js';
import { parsePolicy } from '../policy/parse.js';
import type { Policy, PolicyInput } from '../policy/schema.js';

/** Test support: a finding built by hand, so decide is tested apart from the recognizers. */
export function finding(kind: Kind, field: Field = 'body', start = 0, attachment?: number): Finding {
  return {
    field,
    ...(attachment === undefined ? {} : { attachment }),
    start,
    end: start + 4,
    kind,
    category: categoryOf(kind),
    score: 0.9,
    recognizer: `TEST_${kind}`,
    why: 'test',
  };
}

/** A scan whose verdict follows the plain PHI rule: an identifier with health information. */
export function scanOf(...findings: Finding[]): ScanResult {
  const phi = findings.some((f) => f.category === 'health') && findings.some((f) => f.category === 'identifier');
  const subjectPhi = phi && findings.some((f) => f.field === 'subject' && f.category === 'identifier');
  return { phi, subjectPhi, findings };
}

export function policyOf(input: PolicyInput = {}): Policy {
  const result = parsePolicy({ organisation: { name: 'City Clinic', domains: ['clinic.example'], partnerDomains: ['lab.example'] }, ...input });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return result.policy;
}
