import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createLocalAccounts, type LocalAccounts } from '../admin/local-accounts.js';
import { loadOrCreateSecretBox } from '../admin/secret-box.js';
import { TEST_PASSWORD, totpCode } from '../admin/testing.js';
import { AuditLog } from '../audit/audit-log.js';
import type { AuditEvent } from '../audit/schema.js';
import { testAuditKey } from '../audit/testing.js';
import { openStore } from '../store/open-store.js';
import { adminAddLocalCommand, adminUnlockCommand, cliActor } from './admin.js';
import { UsageError, type Command } from './command.js';
import { createTestIo } from './testing.js';

// Each account hashes its password with scrypt at its deliberately slow cost: seconds on a busy machine.
jest.setTimeout(30_000);

const saved = { password: process.env.PHIGUARD_ADMIN_PASSWORD, databaseUrl: process.env.DATABASE_URL };
let dataDir: string;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-admin-cmd-'));
  // These tests use the data folder's SQLite file; the store code itself runs on PostgreSQL in local-accounts.test.ts.
  delete process.env.DATABASE_URL;
  delete process.env.PHIGUARD_ADMIN_PASSWORD;
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  for (const [name, value] of [['PHIGUARD_ADMIN_PASSWORD', saved.password], ['DATABASE_URL', saved.databaseUrl]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function run(command: Command, args: string[], stdin?: string) {
  const { io, stdout, stderr } = createTestIo(stdin === undefined ? {} : { stdin });
  const exitCode = await command.run(args, io);
  return { exitCode, stdout: stdout(), stderr: stderr() };
}

/** The accounts and audit log as the service sees them: the same store and key file. */
async function serviceAccounts(): Promise<LocalAccounts & { lock(username: string): Promise<void>; events(): Promise<AuditEvent[]> }> {
  const store = await openStore({ dataDir });
  const auditLog = new AuditLog({ store, key: await testAuditKey() });
  cleanups.push(async () => {
    await auditLog.close();
    await store.close();
  });
  const box = await loadOrCreateSecretBox(dataDir);
  return {
    ...createLocalAccounts({ store, auditLog, box: async () => box }),
    lock: async (username) => void (await store.run('UPDATE admin_account SET locked_until = ? WHERE username = ?', ['2999-01-01T00:00:00.000Z', username])),
    events: async () => (await auditLog.search({})).events.reverse(),
  };
}

const secretOf = (stdout: string) => /^TOTP secret: ([A-Z2-7]+)$/m.exec(stdout)?.[1] ?? '';

describe('phi-guard admin add-local', () => {
  it('creates the account from PHIGUARD_ADMIN_PASSWORD and prints its TOTP secret and URI once', async () => {
    process.env.PHIGUARD_ADMIN_PASSWORD = TEST_PASSWORD;
    const { exitCode, stdout, stderr } = await run(adminAddLocalCommand, ['--username', 'Ops', '--role', 'admin', '--role', 'auditor', '--data', dataDir]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toMatch(/^Created break-glass account 'ops' \(admin, auditor\)\.\nTOTP secret: [A-Z2-7]{32}\nTOTP URI: otpauth:\/\/totp\/PHI%20Guard:ops\?/);
    expect(stdout).not.toContain(TEST_PASSWORD);
    const accounts = await serviceAccounts();
    await expect(accounts.verify({ username: 'ops', password: TEST_PASSWORD, code: totpCode(secretOf(stdout), new Date()) })).resolves.toEqual({
      ok: true,
      principal: { sub: 'ops', roles: ['admin', 'auditor'], issuer: 'local' },
    });
  });

  it('records the creation in the audit log as done by the OS account running it, without the password or TOTP secret', async () => {
    process.env.PHIGUARD_ADMIN_PASSWORD = TEST_PASSWORD;
    const { stdout } = await run(adminAddLocalCommand, ['--username', 'ops', '--role', 'auditor', '--data', dataDir]);
    expect(stdout).toContain(`Recorded in the audit log as admin_account_created by ${cliActor()}.\n`);
    const recorded = await (await serviceAccounts()).events();
    expect(recorded.map((e) => [e.kind, e.actor, e.detail])).toEqual([['admin_account_created', cliActor(), { account: 'ops', roles: ['auditor'] }]]);
    const text = JSON.stringify(recorded);
    for (const secretValue of [TEST_PASSWORD, secretOf(stdout)]) expect(text).not.toContain(secretValue);
  });

  it('reads the password from standard input without its trailing newline; admin is the default role', async () => {
    const { exitCode, stdout } = await run(adminAddLocalCommand, ['--username', 'ops', '--data', dataDir], `${TEST_PASSWORD}\n`);
    expect(exitCode).toBe(0);
    const accounts = await serviceAccounts();
    const result = await accounts.verify({ username: 'ops', password: TEST_PASSWORD, code: totpCode(secretOf(stdout), new Date()) });
    expect(result).toMatchObject({ ok: true, principal: { roles: ['admin'] } });
  });

  it.each([
    ['a password under 12 characters', 'short pass', 'password_too_short'],
    ['an empty standard input', '', 'password_too_short'],
  ])('refuses %s (exit 1)', async (_label, stdin, code) => {
    const { exitCode, stdout, stderr } = await run(adminAddLocalCommand, ['--username', 'ops', '--data', dataDir], stdin);
    expect({ exitCode, stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(stderr).toContain(`(${code})`);
    expect(stderr).not.toContain(stdin || 'x'.repeat(50));
  });

  it('refuses a username already taken (exit 1)', async () => {
    process.env.PHIGUARD_ADMIN_PASSWORD = TEST_PASSWORD;
    await run(adminAddLocalCommand, ['--username', 'ops', '--data', dataDir]);
    const { exitCode, stderr } = await run(adminAddLocalCommand, ['--username', 'OPS', '--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('(username_taken)');
    expect((await (await serviceAccounts()).events()).map((e) => e.kind)).toEqual(['admin_account_created']);
  });

  it.each([
    ['no --username', ['--data', 'x']],
    ['a role that is not admin or auditor', ['--username', 'ops', '--role', 'user']],
    ['an unknown option', ['--username', 'ops', '--password', 'x']],
  ])('refuses %s as a usage error', async (_label, args) => {
    process.env.PHIGUARD_ADMIN_PASSWORD = TEST_PASSWORD;
    await expect(run(adminAddLocalCommand, args)).rejects.toThrow(UsageError);
  });
});

describe('phi-guard admin unlock', () => {
  it('ends a lock at once', async () => {
    const created = await run(adminAddLocalCommand, ['--username', 'ops', '--data', dataDir], TEST_PASSWORD);
    const accounts = await serviceAccounts();
    await accounts.lock('ops');
    const code = () => totpCode(secretOf(created.stdout), new Date());
    await expect(accounts.verify({ username: 'ops', password: TEST_PASSWORD, code: code() })).resolves.toMatchObject({ code: 'account_locked' });

    const { exitCode, stdout } = await run(adminUnlockCommand, ['--username', 'OPS', '--data', dataDir]);
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: `Unlocked 'ops'.\nRecorded in the audit log as admin_account_unlocked by ${cliActor()}.\n` });
    await expect(accounts.verify({ username: 'ops', password: TEST_PASSWORD, code: code() })).resolves.toMatchObject({ ok: true });
    const unlocks = (await accounts.events()).filter((e) => e.kind === 'admin_account_unlocked');
    expect(unlocks.map((e) => [e.actor, e.detail])).toEqual([[cliActor(), { account: 'ops', lockedUntil: '2999-01-01T00:00:00.000Z' }]]);
  });

  it('an unknown account is exit 1, and nothing is recorded', async () => {
    const { exitCode, stderr } = await run(adminUnlockCommand, ['--username', 'nobody', '--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("no account 'nobody'");
    await expect((await serviceAccounts()).events()).resolves.toEqual([]);
  });
});

describe('the actor of admin commands', () => {
  it('is the OS account running them', () => {
    expect(cliActor()).toBe(`cli:${userInfo().username}`);
  });
});
