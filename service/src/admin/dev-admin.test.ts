import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom } from '../config.js';
import { captureLogs } from '../http/testing.js';
import { startServer } from '../server.js';
import { storeTargets } from '../store/testing.js';
import { createDevAdmin } from './dev-admin.js';
import { openTestAdmin, totpCode, type TestAdmin } from './testing.js';

const sqlite = storeTargets().find((target) => target.name === 'sqlite')!;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** What the dev admin notice says, read back the way a person would. */
function credentials(printed: string) {
  const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(printed)?.[1];
  return { username: field('Username'), password: field('Password'), secret: field('TOTP secret'), uri: field('TOTP URI') };
}

describe('the dev admin', () => {
  let t: TestAdmin;
  const open = async () => {
    t = await openTestAdmin(sqlite);
    cleanups.push(() => t.dispose());
  };

  it('is created when there is no account, and the printed credentials sign in', async () => {
    await open();
    const printed: string[] = [];
    await createDevAdmin(t.admin.localAccounts, (text) => printed.push(text));
    expect(printed).toHaveLength(1);
    const { username, password, secret, uri } = credentials(printed[0]!);
    expect(username).toBe('admin');
    expect(uri).toMatch(/^otpauth:\/\/totp\/PHI%20Guard:admin\?/);
    const result = await t.admin.localAccounts.verify({ username: username!, password: password!, code: totpCode(secret!, t.clock.now()) });
    expect(result).toEqual({ ok: true, principal: { sub: 'admin', roles: ['admin', 'auditor'], issuer: 'local' } });
  });

  it('is not created, nor anything printed, once any account exists', async () => {
    await open();
    await t.admin.localAccounts.create('cli:ops', { username: 'ops', password: 'a long enough password', roles: ['admin'] });
    const printed: string[] = [];
    await createDevAdmin(t.admin.localAccounts, (text) => printed.push(text));
    expect(printed).toEqual([]);
    await expect(t.admin.localAccounts.count()).resolves.toBe(1);
  });

  it('`serve --dev` prints it to the console, not to the JSON log, on the first start only', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-dev-admin-'));
    const logs = captureLogs();
    const printed: string[] = [];
    const start = async () => {
      const server = await startServer(configFrom({ port: 0, dev: true, dataDir }), { logger: logs.logger, print: (text) => printed.push(text) });
      await server.close();
    };
    await start();
    await start();
    expect(printed).toHaveLength(1);
    const { password } = credentials(printed[0]!);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(logs.text()).not.toContain(password!);
  });

  it('a server not in dev mode creates no account', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-dev-admin-'));
    const printed: string[] = [];
    const server = await startServer(configFrom({ port: 0, dataDir }), { logger: captureLogs().logger, print: (text) => printed.push(text) });
    await server.close();
    expect(printed).toEqual([]);
  });
});
