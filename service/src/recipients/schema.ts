import { z } from 'zod';
import { ActionSchema, ClassificationSchema, ProtectionMethodSchema, RecipientSchema, RecipientTypeSchema, TlsSchema } from '@phiguard/core';
import { AddressSchema } from '../audit/schema.js';
import { ConsentStatusSchema } from '../consent/schema.js';

/** Most recipients any configuration allows per call (the configured limit is at most this). */
export const LOOKUP_RECIPIENTS_CEILING = 500;

export const LookupRecipientInputSchema = z.strictObject({
  address: AddressSchema,
  /** The display name the sender sees, for the name-versus-mailbox check. */
  name: z.string().max(200).optional(),
  type: RecipientTypeSchema.optional(),
});

export const LookupRequestSchema = z
  .strictObject({
    /** Whose history counts for first-time checks; the signed-in user when absent. */
    sender: AddressSchema.optional(),
    recipients: z.array(LookupRecipientInputSchema).min(1).max(LOOKUP_RECIPIENTS_CEILING),
  })
  .meta({ id: 'RecipientLookupRequest' });
export type LookupRequest = z.output<typeof LookupRequestSchema>;

/** `unknown`: not found out within the deadline (or the lookup failed); never a reason to recommend. */
export const KeyCapabilitySchema = z.object({
  status: z.enum(['available', 'none', 'unknown']),
  source: z.enum(['registry', 'wkd']).optional(),
  fingerprint: z.string().optional(),
  /** When the key or certificate expires; absent when it never does. */
  expires: z.string().optional(),
  checkedAt: z.string(),
});
export type KeyCapability = z.infer<typeof KeyCapabilitySchema>;

export const TransportCapabilitySchema = z.object({
  level: TlsSchema,
  mx: z.array(z.string()),
  starttls: z.union([z.boolean(), z.literal('unknown')]),
  mtaSts: z.union([
    z.object({ mode: z.enum(['enforce', 'testing', 'none']), id: z.string(), maxAge: z.number(), mx: z.array(z.string()) }),
    z.null(),
    z.literal('unknown'),
  ]),
  dane: z.union([z.boolean(), z.literal('unknown')]),
  checkedAt: z.string(),
});
export type TransportCapability = z.infer<typeof TransportCapabilitySchema>;

export const LOOKUP_WARNINGS = [
  'lookalike_domain',
  'first_time_recipient',
  'display_name_mismatch',
  'free_mail_organisation_name',
  'consent_revoked',
] as const;
export const LookupWarningSchema = z.object({
  code: z.enum(LOOKUP_WARNINGS),
  /** The real domain imitated (lookalike) or claimed (free mail). */
  of: z.string().optional(),
  /** How a lookalike imitates it: homoglyph, typo, swapped_tld, hyphenation, embedded. */
  how: z.string().optional(),
});
export type LookupWarning = z.infer<typeof LookupWarningSchema>;

export const RecipientLookupSchema = z
  .object({
    address: z.string(),
    classification: ClassificationSchema,
    /** A consent record matches this address. */
    patient: z.boolean(),
    capabilities: z.object({ openpgp: KeyCapabilitySchema, smime: KeyCapabilitySchema, transport: TransportCapabilitySchema }),
    consent: ConsentStatusSchema,
    warnings: z.array(LookupWarningSchema),
    /** Pass this to decide as the recipient: what the lookup found, in the core's terms. */
    recipient: RecipientSchema,
    /** What the policy asks for this recipient if the draft holds PHI (decide on its own). */
    recommendation: z.object({ action: ActionSchema, needsProtection: z.boolean(), method: ProtectionMethodSchema.nullable() }),
  })
  .meta({ id: 'RecipientLookup' });
export type RecipientLookup = z.infer<typeof RecipientLookupSchema>;

export const LookupResponseSchema = z
  .object({ recipients: z.array(RecipientLookupSchema), deadlineMs: z.number().int() })
  .meta({ id: 'RecipientLookupResponse' });
export type LookupResponse = z.infer<typeof LookupResponseSchema>;
