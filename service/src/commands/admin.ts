import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createLocalAccounts, LocalRoleSchema, MIN_PASSWORD_LENGTH, type LocalAccounts, type LocalRole } from '../admin/local-accounts.js';
import { ADMIN_KEY_FILE, loadOrCreateSecretBox, SecretBoxError } from '../admin/secret-box.js';
import { AuditLog } from '../audit/audit-log.js';
import { AuditKeyError, loadOrCreateAuditKey } from '../audit/keys.js';
import { openStore, type StoreOptions } from '../store/open-store.js';
import { StoreError, type Store } from '../store/store.js';
import { EXIT, UsageError, write, type Command, type CommandIo, type ExitCode } from './command.js';

const DATA_OPTION = `  --data DIR          data folder: the SQLite database (unless DATABASE_URL is set) and
                      ${ADMIN_KEY_FILE}, which seals TOTP secrets; the service must use the
                      same folder (PHIGUARD_DATA_DIR; default ./.data)`;
const AUDIT_NOTE = `The change is recorded in the audit log with the OS account running this
command as its actor (cli:NAME)`;

const ADD_USAGE = `Usage:
  phi-guard admin add-local --username NAME [--role admin|auditor]... [--data DIR]

Creates a break-glass account for the admin console, for when Microsoft or
Google sign-in is unavailable. Reads the password (at least ${MIN_PASSWORD_LENGTH} characters) from
PHIGUARD_ADMIN_PASSWORD, else from standard input (read to its end; one trailing
newline is dropped). Prints the account's TOTP secret and otpauth:// URI once:
add it to an authenticator app, as the console asks for its code at sign-in.

${AUDIT_NOTE}: admin_account_created, with the username and
roles, never the password or TOTP secret.

Options:
  --username NAME     letters, digits, dots, dashes, underscores; case-insensitive
  --role ROLE         admin or auditor; repeat for both (default admin)
${DATA_OPTION}

Uses PostgreSQL when DATABASE_URL is set, as the service does.

Exit status: 0 when the account was created, 1 when it could not be (name taken,
password too short, store unavailable), 2 for a bad command line.
`;

const UNLOCK_USAGE = `Usage:
  phi-guard admin unlock --username NAME [--data DIR]

Ends the lock of a break-glass account after too many failed sign-ins, and
forgets its earlier failures.

${AUDIT_NOTE}: admin_account_unlocked, with the username and
the end of the lock it lifted.

Options:
  --username NAME     the account
${DATA_OPTION}

Uses PostgreSQL when DATABASE_URL is set, as the service does.

Exit status: 0 when the account was unlocked, 1 when there is no such account or
the store is unavailable, 2 for a bad command line.
`;

const CREATE_FAILURES = {
  invalid_username: 'the username may hold only letters, digits, dots, dashes and underscores (at most 64)',
  password_too_short: `the password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  password_too_long: 'the password is too long',
  no_role: 'give --role admin or --role auditor',
  username_taken: 'an account with that username already exists',
} as const;

export const adminAddLocalCommand: Command = {
  name: 'admin add-local',
  summary: 'Create a break-glass admin console account (password + TOTP)',
  usage: ADD_USAGE,
  async run(args, io) {
    const { username, roles, dataDir } = parseAdminArgs(args, true);
    const password = process.env.PHIGUARD_ADMIN_PASSWORD ?? (await readPassword(io.stdin));
    return withAccounts('admin add-local', dataDir, io, async (accounts, by) => {
      const created = await accounts.create(by, { username, password, roles });
      if (!created.ok) {
        await write(io.stderr, `phi-guard admin add-local: ${CREATE_FAILURES[created.code]} (${created.code}).\n`);
        return EXIT.failed;
      }
      await write(
        io.stdout,
        `Created break-glass account '${created.username}' (${created.roles.join(', ')}).\n` +
          `TOTP secret: ${created.totpSecret}\n` +
          `TOTP URI: ${created.otpauthUri}\n` +
          'Add it to an authenticator app now: it is not shown again.\n' +
          `Recorded in the audit log as admin_account_created by ${by}.\n`,
      );
      return EXIT.ok;
    });
  },
};

export const adminUnlockCommand: Command = {
  name: 'admin unlock',
  summary: 'Unlock a break-glass admin console account after failed sign-ins',
  usage: UNLOCK_USAGE,
  async run(args, io) {
    const { username, dataDir } = parseAdminArgs(args, false);
    return withAccounts('admin unlock', dataDir, io, async (accounts, by) => {
      if (!(await accounts.unlock(by, username))) {
        await write(io.stderr, `phi-guard admin unlock: no account '${username}'.\n`);
        return EXIT.failed;
      }
      await write(io.stdout, `Unlocked '${username.trim().toLowerCase()}'.\nRecorded in the audit log as admin_account_unlocked by ${by}.\n`);
      return EXIT.ok;
    });
  },
};

/**
 * Opens (and migrates) the store the service uses and its audit log, runs `fn` with the accounts
 * and the audit actor, and closes both; store and key-file failures by code.
 */
async function withAccounts(
  name: string,
  dataDir: string,
  io: CommandIo,
  fn: (accounts: LocalAccounts, by: string) => Promise<ExitCode>,
): Promise<ExitCode> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const options: StoreOptions = databaseUrl === undefined ? { dataDir } : { databaseUrl };
  let store: Store | undefined;
  let auditLog: AuditLog | undefined;
  try {
    store = await openStore(options);
    // The service's key, as the service would create it; this log appends and never signs a checkpoint.
    auditLog = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
    return await fn(createLocalAccounts({ store, auditLog, box: () => loadOrCreateSecretBox(dataDir) }), cliActor());
  } catch (error) {
    if (!(error instanceof StoreError) && !(error instanceof SecretBoxError) && !(error instanceof AuditKeyError)) throw error;
    await write(io.stderr, `phi-guard ${name}: ${error.message} (${error.code}).\n`);
    return EXIT.failed;
  } finally {
    await auditLog?.close();
    await store?.close();
  }
}

/**
 * Who a change made here is recorded as: the OS account running the command, as the system names
 * it. A name given on the command line would be a claim nobody checked; this at least matches the
 * host's own logs of who ran what.
 */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // A container may run under a uid with no passwd entry (OpenShift's arbitrary uids).
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

function parseAdminArgs(args: readonly string[], withRoles: boolean): { username: string; roles: LocalRole[]; dataDir: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        username: { type: 'string' },
        data: { type: 'string' },
        ...(withRoles ? { role: { type: 'string', multiple: true } } : {}),
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.username === undefined) throw new UsageError('--username is required');
  const roles = ((values as { role?: string[] }).role ?? ['admin']).map((role) => {
    const parsed = LocalRoleSchema.safeParse(role);
    if (!parsed.success) throw new UsageError('--role takes admin or auditor');
    return parsed.data;
  });
  return { username: values.username, roles, dataDir: resolve(values.data ?? (process.env.PHIGUARD_DATA_DIR?.trim() || '.data')) };
}

/** Standard input to its end, without the newline `echo` or a here-document adds. */
async function readPassword(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
