import { z } from 'zod';

/**
 * Ways PHI may leave the organisation. `tls` is transport only and needs nothing applied: it counts
 * for recipients whose domain enforces TLS (MTA-STS, DANE, or an admin-declared connector).
 */
export const ProtectionMethodSchema = z.enum(['portal', 'pgp', 'smime', 'gateway', 'tls']);
export type ProtectionMethod = z.infer<typeof ProtectionMethodSchema>;

/** What the sender has applied to the draft; `tls` is never applied by hand. */
export const AppliedProtectionSchema = z.enum(['none', 'portal', 'pgp', 'smime', 'gateway']);
export type AppliedProtection = z.infer<typeof AppliedProtectionSchema>;
export type ApplicableMethod = Exclude<AppliedProtection, 'none'>;
