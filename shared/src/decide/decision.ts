import { z } from 'zod';
import { FixSchema } from '../fix/fix.js';
import { ActionSchema } from '../policy/action.js';
import { ClassificationSchema } from '../policy/classify.js';
import { ProtectionMethodSchema } from '../policy/protection.js';
import { LookupSchema, RecipientTypeSchema } from './recipient.js';
import { ReasonSchema } from './reasons.js';

export const RecipientDecisionSchema = z.object({
  address: z.string(),
  type: RecipientTypeSchema,
  classification: ClassificationSchema,
  /** The strictest action any reason asks for this recipient. */
  action: ActionSchema,
  /** The content needs protection on its way to this recipient. */
  needsProtection: z.boolean(),
  /** The method already protecting this recipient (applied, or TLS the domain enforces). */
  protectedBy: ProtectionMethodSchema.nullable(),
  /** The method to use: protectedBy, else the policy's most preferred method this recipient can receive. */
  method: ProtectionMethodSchema.nullable(),
  lookup: LookupSchema,
  /** Verification warning codes (lookalike_domain, first_time_recipient, lookup_unavailable, ...). */
  warnings: z.array(z.string()),
});
export type RecipientDecision = z.infer<typeof RecipientDecisionSchema>;

export const DecisionSchema = z.object({
  action: ActionSchema,
  /** Strictest first, then by code. */
  reasons: z.array(ReasonSchema),
  /** Sorted by address. */
  perRecipient: z.array(RecipientDecisionSchema),
  fixes: z.array(FixSchema),
  /** The user may send anyway (warn: by confirming; encrypt or block: only where the policy allows). */
  overridable: z.boolean(),
  justificationRequired: z.boolean(),
});
export type Decision = z.infer<typeof DecisionSchema>;
