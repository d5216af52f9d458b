import type { AuthConfig } from '../config.js';
import { RoleSchema, type Role } from './principal.js';

/** What a token says about its holder that roles can be mapped from. */
export interface RoleClaims {
  email?: string;
  groups?: readonly string[];
}

/**
 * Roles from the configured lists (Google and dev tokens). Every signed-in caller is a `user`;
 * `admin`/`auditor` are added for a listed email (case-insensitive) or `group:NAME`.
 */
export function createRoleMap(config: AuthConfig['roles']): (claims: RoleClaims) => Role[] {
  const lists: Array<[Role, ReadonlySet<string>]> = [
    ['admin', new Set(config.admin)],
    ['auditor', new Set(config.auditor)],
  ];
  return ({ email, groups = [] }) => {
    const keys = [...(email === undefined ? [] : [email.toLowerCase()]), ...groups.map((group) => `group:${group}`)];
    const roles: Role[] = ['user'];
    for (const [role, members] of lists) if (keys.some((key) => members.has(key))) roles.push(role);
    return roles;
  };
}

/**
 * Roles from a `roles` claim (Microsoft app roles, dev tokens): the app role values `admin`,
 * `auditor` and `user`, case-insensitive; anything else is ignored. Always includes `user`.
 */
export function rolesFromClaim(claim: unknown): Role[] {
  const roles = new Set<Role>(['user']);
  if (Array.isArray(claim)) {
    for (const value of claim) {
      const role = RoleSchema.safeParse(typeof value === 'string' ? value.toLowerCase() : value);
      if (role.success) roles.add(role.data);
    }
  }
  return mergeRoles([...roles]);
}

export function mergeRoles(...lists: ReadonlyArray<readonly Role[]>): Role[] {
  return RoleSchema.options.filter((role) => lists.some((list) => list.includes(role)));
}

/** A string-array claim, or empty. */
export function stringArrayClaim(claim: unknown): string[] {
  return Array.isArray(claim) ? claim.filter((item): item is string => typeof item === 'string') : [];
}
