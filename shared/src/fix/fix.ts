import { z } from 'zod';
import { KindSchema } from '../detect/kinds.js';
import { ReasonCodeSchema } from '../decide/reasons.js';
import { AppliedProtectionSchema } from '../policy/protection.js';
import { MaskStyleSchema } from './mask.js';

/**
 * A concrete edit a host can offer. Fixes never carry draft text, so a Decision can be logged;
 * `resolveFixes(draft, fixes)` works out each mask's replacement for display.
 */
export const FixSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('neutral_subject'), subject: z.string() }),
  z.object({
    type: z.literal('mask'),
    field: z.enum(['subject', 'body']),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    kind: KindSchema,
    style: MaskStyleSchema,
  }),
  z.object({ type: z.literal('add_disclaimer'), text: z.string() }),
  z.object({
    type: z.literal('apply_protection'),
    method: AppliedProtectionSchema.exclude(['none']),
    /** The recipients this protects that need it. */
    recipients: z.array(z.string()),
  }),
  z.object({ type: z.literal('remove_recipient'), address: z.string(), reasons: z.array(ReasonCodeSchema) }),
]);
export type Fix = z.infer<typeof FixSchema>;
export type FixType = Fix['type'];
export const FIX_TYPES = [
  'neutral_subject', 'mask', 'add_disclaimer', 'apply_protection', 'remove_recipient',
] as const satisfies readonly FixType[];
