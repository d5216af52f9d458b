import { z } from 'zod';
import { FieldSchema, FindingSchema } from '../detect/finding.js';
import { ActionSchema } from '../policy/action.js';

/** Public contract: audit rows and admin reports store these codes. Add, never rename. */
export const REASON_CODES = [
  'phi_in_subject',
  'phi_unprotected',
  'phi_recipient_blocked',
  'phi_in_attachment',
  'identifiers_only',
  'lookalike_domain',
  'first_time_recipient',
  'consent_missing',
  'service_unavailable',
  'no_protection_method',
  'no_common_protection',
  'attachment_uninspectable',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/** Points at a finding without its text. */
export const FindingRefSchema = FindingSchema.pick({ field: true, attachment: true, start: true, end: true, kind: true });
export type FindingRef = z.infer<typeof FindingRefSchema>;

export const ReasonSchema = z.object({
  code: ReasonCodeSchema,
  /** What this reason alone asks for. */
  action: ActionSchema,
  /** Whether the policy lets a user send despite this reason. */
  overridable: z.boolean(),
  recipients: z.array(z.string()),
  fields: z.array(FieldSchema),
  findings: z.array(FindingRefSchema),
});
export type Reason = z.infer<typeof ReasonSchema>;
