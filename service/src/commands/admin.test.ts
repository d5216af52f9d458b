import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalAccounts, type LocalAccounts } from '../admin/local-accounts.js';
import { loadOrCreateSecretBox } from '../admin/secret-box.js';
import { TEST_PASSWORD, totpCode } from '../admin/testing.js';
import { AuditLog } from '../audit/audit-log.js';
import { testAuditKey } from '../audit/testing.js';
import { openStore } from '../store/open-store.js';
import { adminAddLocalCommand, adminUnlockCommand } from './admin.js';
import { UsageError, type Command } from './command.js';
import { createTestIo } from './testing.js';

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

/** The accounts as the service sees them: the same store and key file. */
async function serviceAccounts(): Promise<LocalAccounts & { lock(username: string): Promise<void> }> {
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
    expect({ exitCode, stdout }).toEqual({ exitCode: 0, stdout: "Unlocked 'ops'.\n" });
    await expect(accounts.verify({ username: 'ops', password: TEST_PASSWORD, code: code() })).resolves.toMatchObject({ ok: true });
  });

  it('an unknown account is exit 1', async () => {
    const { exitCode, stderr } = await run(adminUnlockCommand, ['--username', 'nobody', '--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain("no account 'nobody'");
  });
});
