import { z } from 'zod';

/** Longest note an admin can attach to a policy version. */
export const POLICY_NOTE_MAX_LENGTH = 500;

/** Why the admin changed the policy: printable text, tab and newline allowed; blank means no note. */
export const PolicyNoteSchema = z
  .string()
  .trim()
  .max(POLICY_NOTE_MAX_LENGTH)
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/);

/** A policy as the admin wrote it (defaults not filled in): a JSON object, checked by the core's parsePolicy. */
export const PolicyInputSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: 'PolicyInput', description: 'A policy as in shared/policy.example.json; omitted fields take their defaults.' });
export type PolicyInput = z.infer<typeof PolicyInputSchema>;

/** Who saved a version of the policy, when and why; never the policy itself. */
export const PolicyVersionInfoSchema = z
  .object({
    /** 1, 2, 3… in the order saved. */
    version: z.number().int().min(1),
    createdAt: z.string(),
    /** The admin: email, else issuer:sub. */
    createdBy: z.string(),
    note: z.string().optional(),
    /** The version this one restored, for a revert. */
    revertedFrom: z.number().int().min(1).optional(),
  })
  .meta({ id: 'PolicyVersionInfo' });
export type PolicyVersionInfo = z.infer<typeof PolicyVersionInfoSchema>;

/** A stored version: its metadata and the policy as the admin wrote it. */
export const StoredPolicySchema = PolicyVersionInfoSchema.extend({ input: PolicyInputSchema }).meta({ id: 'StoredPolicyVersion' });
export type StoredPolicy = z.infer<typeof StoredPolicySchema>;
