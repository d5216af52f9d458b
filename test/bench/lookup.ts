// Recipient lookup for npm run bench: 50 recipients whose network facts are already cached, so what
// is measured is the service's own work per call (registries, consent, history, known
// correspondents, lookalike and display-name checks, decide per recipient).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_POLICY, parsePolicy } from '@phiguard/core';
import { AuditLog } from '../../service/src/audit/audit-log.js';
import { loadOrCreateAuditKey } from '../../service/src/audit/keys.js';
import { sampleEvent } from '../../service/src/audit/testing.js';
import { openPgpFixture } from '../../service/src/keys/testing.js';
import { createCapabilityCache } from '../../service/src/recipients/capability-cache.js';
import { lookupRecipients } from '../../service/src/recipients/lookup.js';
import { registrySources } from '../../service/src/recipients/sources.js';
import { createRegistries } from '../../service/src/registries.js';
import { openStore } from '../../service/src/store/open-store.js';
import type { Row } from './service.js';

const RECIPIENTS = 50;
const CALLS = 1000;
const SENDER = 'dr.lee@clinic.example.org';

export async function benchLookup(): Promise<{ rows: Row[]; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'phiguard-bench-lookup-'));
  const store = await openStore({ dataDir: dir });
  const auditLog = new AuditLog({ store, key: await loadOrCreateAuditKey(dir) });
  try {
    const now = new Date('2026-03-01T12:00:00Z');
    const clock = { now: () => now };
    const registries = createRegistries({ store, auditLog, clock });
    const addresses = Array.from({ length: RECIPIENTS }, (_, i) => `person${i}@domain${i % 10}.example`);
    // Realistic registries: keys for some recipients, consents for others, a send history, known domains.
    for (let i = 0; i < 5; i++) {
      const key = await openPgpFixture([addresses[i * 7]!]);
      await registries.keys.add('admin@clinic.example.org', { keyType: 'openpgp', data: key.armored, source: 'admin_upload' });
    }
    const csv = ['address,patient_ref,consent_unencrypted,date,source', ...addresses.slice(0, 20).map((a, i) => `${a},P-${i},${i % 2 ? 'yes' : 'no'},2026-01-0${1 + (i % 9)},paper`)];
    await registries.consents.importCsv('admin@clinic.example.org', `${csv.join('\n')}\n`);
    const events = Array.from({ length: 2000 }, (_, i) =>
      sampleEvent(`send-${i}`, { kind: 'send_allowed', action: 'allow', recipients: [addresses[i % 30]!, `other${i}@domain${i % 40}.example`] }),
    );
    for (let i = 0; i < events.length; i += 100) await auditLog.appendBatch(SENDER, events.slice(i, i + 100));

    const answered = new Date('2026-03-01T12:00:00Z').toISOString();
    const cache = createCapabilityCache({
      fetchers: {
        wkd: async () => ({ value: { status: 'none', checkedAt: answered }, ttlSeconds: 3600 }),
        transport: async () => ({
          value: { level: 'opportunistic', mx: ['mx.example'], starttls: true, mtaSts: null, dane: false, checkedAt: answered },
          ttlSeconds: 3600,
        }),
      },
    });
    const policy = (() => {
      const r = parsePolicy({ ...DEFAULT_POLICY, organisation: { ...DEFAULT_POLICY.organisation, domains: ['clinic.example.org'], partnerDomains: ['domain3.example'] } });
      if (!r.ok) throw new Error('bench policy');
      return r.policy;
    })();
    const options = { policy, sources: registrySources(registries), cache, deadlineMs: 1500, now: clock.now };
    const request = { recipients: addresses.map((address, i) => ({ address, name: `Person ${i}` })) };
    for (let i = 0; i < 50; i++) await lookupRecipients(request, SENDER, options); // warm the cache and the JIT

    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await lookupRecipients(request, SENDER, options);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    return {
      rows: [
        { metric: `recipient lookup, ${RECIPIENTS} recipients, cached, p99`, value: `${p(0.99).toFixed(2)} ms`, baseline: '', target: '< 10 ms', pass: p(0.99) < 10 },
        { metric: `recipient lookup, ${RECIPIENTS} recipients, cached, p50`, value: `${p(0.5).toFixed(2)} ms`, baseline: '', target: '' },
      ],
      notes: [
        `Recipient lookup = lookupRecipients in process on SQLite (WAL, FULL) with 5 OpenPGP keys, 20 consents, 2,000 sends in the ` +
          `audit log; WKD and transport answers cached (as after the first lookup of those domains); ${CALLS} calls after 50 warm-up.`,
      ],
    };
  } finally {
    await auditLog.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
