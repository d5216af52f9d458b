import { z } from 'zod';
import { AddressSchema } from '../audit/schema.js';

/** The address a consent is for, lower-cased (as audit recipients are), so lookups match whatever case was typed. */
export const ConsentAddressSchema = AddressSchema.transform((address) => address.toLowerCase());

/**
 * The patient, as the organisation's own opaque reference (MRN, EHR id): printable ASCII without
 * spaces, so it can't carry a name written out. Stored with the consent, never audited or logged.
 */
export const PatientRefSchema = z.string().regex(/^[\x21-\x7e]{1,64}$/);

/** The calendar day the patient gave (or refused) consent, `YYYY-MM-DD`. */
export const ConsentDateSchema = z.iso.date();

/** How the consent was obtained (`portal-form`, `paper`, `ehr-import`): a slug, so the audited value can't hold free text. */
export const ConsentSourceSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

/** One consent as an admin or import states it. HIPAA: unencrypted email only after the patient was warned and still asked for it. */
export const ConsentInputSchema = z
  .strictObject({
    address: ConsentAddressSchema,
    patientRef: PatientRefSchema,
    /** true: the patient accepts unencrypted email at this address; false: they refused it. */
    allowUnencrypted: z.boolean(),
    consentedOn: ConsentDateSchema,
    source: ConsentSourceSchema,
  })
  .meta({ id: 'ConsentInput' });
export type ConsentInput = z.input<typeof ConsentInputSchema>;
export type ParsedConsentInput = z.output<typeof ConsentInputSchema>;

/** A stored consent. Revoked rows are kept (HIPAA documentation is retained six years). */
export const ConsentRecordSchema = z
  .object({
    id: z.string(),
    address: z.string(),
    patientRef: z.string(),
    allowUnencrypted: z.boolean(),
    consentedOn: z.string(),
    source: z.string(),
    recordedBy: z.string(),
    recordedAt: z.string(),
    revokedBy: z.string().optional(),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'ConsentRecord' });
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

/**
 * What the newest consent row for an address says: `granted` / `refused` (unencrypted email),
 * `revoked` (the newest row was revoked; older rows do not come back), `none` (no row).
 */
export const ConsentStateSchema = z.enum(['granted', 'refused', 'revoked', 'none']);
export type ConsentState = z.infer<typeof ConsentStateSchema>;

export const ConsentStatusSchema = z
  .object({
    state: ConsentStateSchema,
    /** True only for `granted`. */
    allowUnencrypted: z.boolean(),
    /** The row that decided the state; absent for `none`. */
    consentId: z.string().optional(),
  })
  .meta({ id: 'ConsentStatus' });
export type ConsentStatus = z.infer<typeof ConsentStatusSchema>;

/** Where one CSV row failed: its line as a spreadsheet shows it, the column, a code. Never the value (PHI). */
export const CsvRowErrorSchema = z
  .object({
    line: z.number().int().positive(),
    column: z.string().optional(),
    code: z.enum(['missing', 'invalid', 'duplicate_address', 'wrong_column_count', 'malformed_row']),
  })
  .meta({ id: 'ConsentCsvRowError' });
export type CsvRowError = z.infer<typeof CsvRowErrorSchema>;

export const ConsentImportResultSchema = z
  .object({
    imported: z.number().int(),
    /** Rows not imported, whether or not each has an entry in `errors`. */
    rejected: z.number().int(),
    /** In line order, at most MAX_REPORTED_ERRORS. */
    errors: z.array(CsvRowErrorSchema),
    /** Set when more errors were found than reported. */
    errorsTruncated: z.boolean().optional(),
  })
  .meta({ id: 'ConsentImportResult' });
export type ConsentImportResult = z.infer<typeof ConsentImportResultSchema>;
