import type { Policy } from '../policy/schema.js';

/** A subject that says nothing about the patient: the policy's own, or "Secure message from <org>". */
export function neutralSubject(policy: Policy): string {
  if (policy.neutralSubject) return policy.neutralSubject;
  const org = policy.organisation.name;
  return org ? `Secure message from ${org}` : 'Secure message';
}
