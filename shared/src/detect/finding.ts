import { z } from 'zod';
import { AttachmentProblemSchema } from '../draft.js';
import { CategorySchema, KindSchema, type Kind } from './kinds.js';

export const FieldSchema = z.enum(['subject', 'body', 'attachment']);
export type Field = z.infer<typeof FieldSchema>;

/**
 * One highlighted span. Offsets are UTF-16 indices (JavaScript string indices) into the field,
 * `end` exclusive. A finding never carries the matched text, so findings can be logged and audited.
 */
export const FindingSchema = z.object({
  field: FieldSchema,
  /** Index into draft.attachments when field is 'attachment'. */
  attachment: z.number().int().nonnegative().optional(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: KindSchema,
  category: CategorySchema,
  score: z.number().min(0).max(1),
  /** Recognizer id, e.g. US_SSN. */
  recognizer: z.string(),
  /** Short reason a person can read; never contains the matched text. */
  why: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const VerdictSchema = z.object({
  /** A person identifier linked to health, care or payment information, anywhere in the draft. */
  phi: z.boolean(),
  /** The subject line alone reveals a patient identifier (subjects travel unencrypted). */
  subjectPhi: z.boolean(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** An attachment the scan could not look into (its index in draft.attachments, and why): PHI unknown. */
export const UninspectableRefSchema = z.object({
  attachment: z.number().int().nonnegative(),
  reason: AttachmentProblemSchema,
});
export type UninspectableRef = z.infer<typeof UninspectableRefSchema>;

export const ScanResultSchema = VerdictSchema.extend({
  findings: z.array(FindingSchema),
  /** Present only when some attachment could not be inspected; decide applies the fail mode to it. */
  uninspectable: z.array(UninspectableRefSchema).optional(),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** How many findings of each kind: what an audit event keeps of a scan (never the values). */
export function countKinds(findings: readonly Finding[]): Partial<Record<Kind, number>> {
  const counts: Partial<Record<Kind, number>> = {};
  for (const { kind } of findings) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
