import type { Principal } from '../auth/principal.js';

/** The actor of the service's own events (scheduled purges and checkpoints). */
export const SERVICE_ACTOR = 'service';

/** Who an audit event names: the principal's email (lower-cased), else issuer:sub. Never taken from a request body. */
export function actorOf(principal: Principal): string {
  return principal.email ? normalizeActor(principal.email) : `${principal.issuer}:${principal.sub}`;
}

/** Emails compare case-insensitively; issuer:sub ids do not. */
export function normalizeActor(actor: string): string {
  return actor.includes('@') && !actor.includes(':') ? actor.toLowerCase() : actor;
}
