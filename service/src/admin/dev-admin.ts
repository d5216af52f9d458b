import { randomBytes } from 'node:crypto';
import { SERVICE_ACTOR } from '../audit/actor.js';
import type { LocalAccounts } from './local-accounts.js';

export const DEV_ADMIN_USERNAME = 'admin';

/**
 * Dev mode only: when there is no break-glass account yet, creates `admin` (admin and auditor)
 * with a random password and prints how to sign in to the console, as dev mode prints portal
 * mail: to the console, never to the JSON log. Does nothing once any account exists.
 */
export async function createDevAdmin(accounts: LocalAccounts, print: (text: string) => void): Promise<void> {
  if ((await accounts.count()) > 0) return;
  const password = randomBytes(18).toString('base64url');
  const created = await accounts.create(SERVICE_ACTOR, { username: DEV_ADMIN_USERNAME, password, roles: ['admin', 'auditor'] });
  // Another process starting on the same data folder got there first; it printed the credentials.
  if (!created.ok) return;
  print(
    '----- DEV ADMIN (console break-glass account; shown once) -----\n' +
      `Username: ${created.username}\n` +
      `Password: ${password}\n` +
      `TOTP secret: ${created.totpSecret}\n` +
      `TOTP URI: ${created.otpauthUri}\n` +
      'Add the secret to an authenticator app, then sign in to the console with the username, password and current code.\n' +
      '----- END DEV ADMIN -----\n',
  );
}
