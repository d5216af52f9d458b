import { z } from 'zod';
import { ActionSchema, CheckActionSchema } from './action.js';
import { POLICY_ISSUE_MESSAGES as M } from './messages.js';
import { ProtectionMethodSchema } from './protection.js';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ADDRESS = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

// Admins paste "@example.org" or "Example.org"; both mean the same domain.
export const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .overwrite((d) => d.replace(/^@/, ''))
  .regex(DOMAIN, { error: M.invalid_domain });

export const AddressSchema = z.string().trim().toLowerCase().regex(ADDRESS, { error: M.invalid_address });

/** Situations a rule or an override can name; `service_unavailable` is governed by failMode. */
export const SITUATIONS = [
  'phi_internal', 'phi_partner', 'phi_external', 'phi_in_subject', 'phi_in_attachment', 'identifiers_only',
  'lookalike_domain', 'first_time_recipient', 'consent_missing', 'service_unavailable',
] as const;
export const SituationSchema = z.enum(SITUATIONS);
export type Situation = z.infer<typeof SituationSchema>;

const OrganisationSchema = z.strictObject({
  name: z.string().trim().max(200).default(''),
  domains: z.array(DomainSchema).max(100).default([]),
  /** Never flagged: the organisation's own contact details are not patient PHI. */
  phones: z.array(z.string().max(40)).max(200).default([]),
  faxes: z.array(z.string().max(40)).max(200).default([]),
  addresses: z.array(z.string().max(300)).max(100).default([]),
  /** Business associates and other trusted correspondents; still outside the organisation. */
  partnerDomains: z.array(DomainSchema).max(500).default([]),
});

const RulesSchema = z.strictObject({
  phi_internal: ActionSchema.default('allow'),
  phi_partner: ActionSchema.default('encrypt'),
  phi_external: ActionSchema.default('encrypt'),
  // Subjects travel in clear under S/MIME, PGP and portal notices, so only allow, warn or block fit.
  phi_in_subject: CheckActionSchema.default('block'),
  phi_in_attachment: ActionSchema.default('encrypt'),
  identifiers_only: ActionSchema.default('warn'),
  lookalike_domain: CheckActionSchema.default('block'),
  first_time_recipient: CheckActionSchema.default('warn'),
  consent_missing: CheckActionSchema.default('warn'),
});
export type RuleSituation = keyof z.infer<typeof RulesSchema>;

const GatewaySchema = z.strictObject({
  /** An internet header a mail-flow rule turns into gateway encryption (e.g. Purview Message Encryption). */
  header: z.strictObject({ name: z.string().min(1).max(100), value: z.string().max(200) }).optional(),
  /** A sensitivity label that carries encryption. */
  label: z.string().min(1).max(200).optional(),
});

const ProtectionSchema = z.strictObject({
  /** Accepted methods, most preferred first. */
  accepted: z.array(ProtectionMethodSchema).min(1).max(5).default(['smime', 'pgp', 'portal']),
  /** Domains known to enforce TLS (e.g. a partner connector), in addition to what lookups find. */
  tlsDomains: z.array(DomainSchema).max(500).default([]),
  gateway: GatewaySchema.optional(),
  /**
   * HIPAA lets a patient who was warned ask for unencrypted email. When true, such a recorded
   * request lifts the encryption requirement for that patient's address (blocks still stand).
   */
  patientRequestLiftsEncryption: z.boolean().default(false),
});

/** Secure-portal messages: how long a recipient can open them. */
const PortalSchema = z.strictObject({
  defaultExpiryDays: z.number().int().min(1).max(365).default(30),
  maxExpiryDays: z.number().int().min(1).max(365).default(90),
});

const OverridesSchema = z.strictObject({
  allowed: z.array(SituationSchema).default(['identifiers_only', 'first_time_recipient', 'consent_missing']),
  by: z.enum(['anyone', 'listed']).default('anyone'),
  addresses: z.array(AddressSchema).max(1000).default([]),
  groups: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  justification: z.boolean().default(true),
  justificationMinLength: z.number().int().min(1).max(1000).default(10),
});

export const DEFAULT_DISCLAIMER =
  'CONFIDENTIAL: This message may contain protected health information. If you received it in error, ' +
  'please tell the sender and delete it.';

export const PolicySchema = z
  .strictObject({
    version: z.literal(1).default(1),
    organisation: OrganisationSchema.prefault({}),
    rules: RulesSchema.prefault({}),
    protection: ProtectionSchema.prefault({}),
    overrides: OverridesSchema.prefault({}),
    portal: PortalSchema.prefault({}),
    /** Added to the body when PHI is sent; empty turns the fix off. */
    disclaimer: z.string().max(2000).default(DEFAULT_DISCLAIMER),
    /** Replacement subject; default "Secure message from <organisation name>". */
    neutralSubject: z.string().trim().min(1).max(200).optional(),
    /** When recipient checks are unavailable: closed blocks sensitive sends, open only warns. */
    failMode: z.enum(['closed', 'open']).default('closed'),
  })
  .superRefine((p, ctx) => {
    const issue = (code: keyof typeof M, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message: M[code], path, params: { code } });
    p.protection.accepted.forEach((m, i) => {
      if (p.protection.accepted.indexOf(m) !== i) issue('duplicate_method', ['protection', 'accepted', i]);
    });
    if (p.protection.accepted.includes('gateway') && !p.protection.gateway?.header && !p.protection.gateway?.label) {
      issue('gateway_not_configured', ['protection', 'gateway']);
    }
    const own = new Set(p.organisation.domains);
    p.organisation.partnerDomains.forEach((d, i) => {
      if (own.has(d)) issue('domain_in_two_lists', ['organisation', 'partnerDomains', i]);
    });
    if (p.portal.defaultExpiryDays > p.portal.maxExpiryDays) issue('portal_expiry_order', ['portal', 'defaultExpiryDays']);
    if (p.overrides.by === 'listed' && p.overrides.addresses.length + p.overrides.groups.length === 0) {
      issue('no_overriders', ['overrides', 'by']);
    }
  });

/** A policy with every default filled in: what `decide` reads. */
export type Policy = z.output<typeof PolicySchema>;
/** A policy as written in a file: every field optional. */
export type PolicyInput = z.input<typeof PolicySchema>;
