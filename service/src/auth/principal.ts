import { z } from 'zod';

export const RoleSchema = z.enum(['user', 'admin', 'auditor']);
export type Role = z.infer<typeof RoleSchema>;

/** Who made a request, after token verification. Set on `res.locals.principal`. */
export const PrincipalSchema = z.object({
  /** Stable subject: the token's `sub` (Microsoft oid when present). */
  sub: z.string(),
  /** Email or UPN when the token carries one; used as the audit actor. */
  email: z.string().optional(),
  roles: z.array(RoleSchema),
  /** `local`: a break-glass admin account of the console (admin/local-accounts.ts). */
  issuer: z.enum(['microsoft', 'google', 'dev', 'local']),
  /** Microsoft tenant id or Google hosted domain. */
  tenant: z.string().optional(),
});
export type Principal = z.infer<typeof PrincipalSchema>;
