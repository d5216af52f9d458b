// The stored policy through a real server start: in force from the first request, over the file.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePolicy, type Policy } from '@phiguard/core';
import { AuditLog } from '../audit/audit-log.js';
import { testAuditKey } from '../audit/testing.js';
import { loadDevKey, signDevToken } from '../auth/dev-issuer.js';
import { configFrom } from '../config.js';
import { captureLogs } from '../http/testing.js';
import { startServer } from '../server.js';
import { storeTargets, targetTitle, type TestStore } from '../store/testing.js';
import { createPolicyStore } from './policy-store.js';

const FILE_POLICY = policy({ organisation: { name: 'From the file' } });
const SAVED = { organisation: { name: 'Saved by an admin', domains: ['clinic.example.org'] } };

function policy(input: unknown): Policy {
  const result = parsePolicy(input);
  if (!result.ok) throw new Error('bad test policy');
  return result.policy;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'a server starting over stored policy versions'), () => {
    async function storeWithVersion(): Promise<TestStore> {
      const db = await target.open();
      cleanups.push(() => db.dispose().catch(() => undefined));
      const auditLog = new AuditLog({ store: db.store, key: await testAuditKey() });
      expect((await createPolicyStore({ store: db.store, auditLog }).save(SAVED, 'admin@clinic.example.org')).ok).toBe(true);
      await auditLog.close();
      return db;
    }

    it('applies the newest stored version from the first request, instead of the policy file', async () => {
      const db = await storeWithVersion();
      const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-policy-'));
      const server = await startServer(configFrom({ port: 0, dev: true, dataDir }), {
        logger: captureLogs().logger,
        openStore: async () => db.store,
        policy: FILE_POLICY,
      });
      cleanups.push(() => server.close());
      const token = await signDevToken(await loadDevKey(dataDir), { sub: 'alice', roles: [], ttlSeconds: 60, now: new Date() });
      const res = await fetch(`${server.url}/v1/policy`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await res.json()).toEqual(policy(SAVED));
    });

    it('refuses to start over a stored version that no longer passes the checks, as over an invalid file', async () => {
      const db = await storeWithVersion();
      await db.store.run('UPDATE policy_versions SET policy = ?', [JSON.stringify({ failMode: 'sometimes' })]);
      const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-policy-'));
      await expect(
        startServer(configFrom({ port: 0, dataDir }), { logger: captureLogs().logger, openStore: async () => db.store, policy: FILE_POLICY }),
      ).rejects.toMatchObject({ code: 'stored_policy_invalid' });
    });
  });
}
