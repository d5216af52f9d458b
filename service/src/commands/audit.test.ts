import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log.js';
import { AUDIT_KEY_FILE, loadOrCreateAuditKey } from '../audit/keys.js';
import { sampleEvent } from '../audit/testing.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { auditVerifyCommand } from './audit.js';
import { dispatch } from './dispatch.js';
import { createTestIo } from './testing.js';

async function run(args: string[]) {
  const t = createTestIo();
  const exitCode = await dispatch([auditVerifyCommand], ['audit', 'verify', ...args], t.io);
  return { exitCode, stdout: t.stdout(), stderr: t.stderr() };
}

describe('phi-guard audit verify', () => {
  let dataDir: string;
  let store: Store;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-verify-'));
    store = await openStore({ dataDir });
    const log = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
    await log.appendBatch('alice@example.org', [1, 2, 3].map((i) => sampleEvent(`e-${i}`)));
    await log.checkpoint();
    await log.append('alice@example.org', sampleEvent('e-4'));
    await log.close();
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('an intact log verifies and exits 0', async () => {
    const { exitCode, stdout, stderr } = await run(['--data', dataDir]);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toBe(
      'Audit log: 4 events (0 purged), head at seq 4.\nCheckpoints: 1 checked, verified through seq 3.\nOK: every event, purge record and checkpoint verifies.\n',
    );
  });

  it('an edited event exits 1 and names its seq and why', async () => {
    await store.run("UPDATE audit_event SET actor = 'mallory@example.org' WHERE seq = 2");
    const { exitCode, stdout } = await run(['--data', dataDir]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain("TAMPERED: first problem at seq 2: the event's stored fields no longer match its hash (edited) (hash_mismatch).");
  });

  it('--json prints the report', async () => {
    await store.run('DELETE FROM audit_event WHERE seq = 4');
    const { exitCode, stdout } = await run(['--data', dataDir, '--json']);
    expect(exitCode).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, problems: [{ seq: 4, code: 'missing_event' }] });
  });

  it('checkpoints signed by a key that is not trusted fail verification', async () => {
    const other = await mkdtemp(join(tmpdir(), 'phi-guard-other-key-'));
    await loadOrCreateAuditKey(other);
    const { exitCode, stdout } = await run(['--data', dataDir, '--key', join(other, AUDIT_KEY_FILE)]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('checkpoint_unknown_key');
  });

  it('a public key file is enough to verify', async () => {
    const { d: _private, ...publicJwk } = JSON.parse(await readFile(join(dataDir, AUDIT_KEY_FILE), 'utf8')) as Record<string, unknown>;
    const file = join(dataDir, 'public.jwk');
    await writeFile(file, JSON.stringify(publicJwk));
    expect((await run(['--data', dataDir, '--key', file])).exitCode).toBe(0);
  });

  it('a folder without a database is reported, and none is created', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'phi-guard-empty-'));
    const { exitCode, stderr } = await run(['--data', empty, '--key', join(dataDir, AUDIT_KEY_FILE)]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('(database_missing)');
    expect(existsSync(join(empty, 'phi-guard.db'))).toBe(false);
  });

  it.each([
    ['--data with --database-url', ['--data', '/x', '--database-url', 'postgres://h/db']],
    ['a non-postgres URL', ['--database-url', 'mysql://h/db']],
    ['an unknown option', ['--fast']],
  ])('%s is a usage error', async (_name, args) => {
    expect((await run(args)).exitCode).toBe(2);
  });

  it('a missing key says how to get one', async () => {
    const { exitCode, stderr } = await run(['--data', dataDir, '--key', join(dataDir, 'nope.jwk')]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('GET /v1/audit/key');
  });
});
