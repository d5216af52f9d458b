import { z } from 'zod';
import { ClassificationSchema } from '../policy/classify.js';
import { AddressSchema } from '../policy/schema.js';

export const RecipientTypeSchema = z.enum(['to', 'cc', 'bcc']);
export const TlsSchema = z.enum(['enforced', 'opportunistic', 'none', 'unknown']);
export const ConsentSchema = z.union([z.boolean(), z.literal('revoked')]);
/** `unavailable`: the recipient lookup failed or timed out, so nothing below is known. */
export const LookupSchema = z.enum(['ok', 'unavailable']);

/**
 * One recipient and what the host or the service's lookup knows about it. Capabilities left out
 * are unknown: decide never recommends a method on an unknown capability.
 */
export const RecipientSchema = z.object({
  address: AddressSchema,
  name: z.string().max(200).optional(),
  type: RecipientTypeSchema.default('to'),
  /** When the directory knows better than the policy's domain lists. */
  classification: ClassificationSchema.optional(),
  tls: TlsSchema.default('unknown'),
  pgp: z.boolean().optional(),
  smime: z.boolean().optional(),
  /** The patient's consent to email at this address: on file, refused, or revoked. */
  consent: ConsentSchema.optional(),
  /** The patient asked for unencrypted email after being warned (policy decides whether it counts). */
  allowUnencrypted: z.boolean().optional(),
  firstTime: z.boolean().optional(),
  /** The known correspondent domain this address imitates (e.g. examp1e.org for example.org). */
  lookalikeOf: z.string().max(253).optional(),
  /** Lookup warning codes, passed through to perRecipient. */
  warnings: z.array(z.string().regex(/^[a-z0-9_]{1,64}$/)).max(20).default([]),
  lookup: LookupSchema.default('ok'),
});
export type RecipientInput = z.input<typeof RecipientSchema>;
export type Recipient = z.output<typeof RecipientSchema>;
