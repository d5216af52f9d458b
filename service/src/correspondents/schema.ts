import { z } from 'zod';

/** Where a domain's standing comes from: the audit log's sends, or an admin's edit (which wins). */
export const CorrespondentOriginSchema = z.enum(['learned', 'added', 'removed']);
export type CorrespondentOrigin = z.infer<typeof CorrespondentOriginSchema>;

export const CorrespondentSchema = z
  .object({
    /** Lower-case, IDN as A-labels. */
    domain: z.string(),
    /** Used for lookalike checks. */
    known: z.boolean(),
    origin: CorrespondentOriginSchema,
    /** Sent messages to the domain still in the audit log. */
    sends: z.number().int(),
    /** The admin's edit, for `added` and `removed`. */
    changedBy: z.string().optional(),
    changedAt: z.string().optional(),
  })
  .meta({ id: 'Correspondent' });
export type Correspondent = z.infer<typeof CorrespondentSchema>;

export const CorrespondentEditSchema = z
  .object({ domain: z.string(), status: z.enum(['added', 'removed']), changedBy: z.string(), changedAt: z.string() })
  .meta({ id: 'CorrespondentEdit' });
