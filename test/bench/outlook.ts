// Outlook add-in figures for npm run bench: the on-send handler's decision time with recipient
// answers already cached (as after the first lookup), beside a bare scan of the same draft, and the
// sizes of the bundles Outlook downloads.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DEFAULT_POLICY, createScanner, type Draft } from '@phiguard/core';
import { onSendBuild, taskPaneBuild } from '../../addin-outlook/scripts/build-options.js';
import { checkSend } from '../../addin-outlook/src/onsend/check.js';
import type { ServiceClient } from '../../addin-outlook/src/service/client.js';
import { POLICY_SETTING } from '../../addin-outlook/src/service/policy-cache.js';
import { fakeOffice } from '../../addin-outlook/src/testing/fake-office.js';
import type { Row } from './service.js';

const RUNS = 300;

export async function benchOutlook(repo: string, drafts: ReadonlyArray<{ label: string; draft: Draft; target?: number }>): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const scanner = createScanner();
  const recipients = [{ address: 'dr.patel@elsewhere.example' }, { address: 'nurse@clinic.example' }];
  const client: ServiceClient = {
    policy: async () => DEFAULT_POLICY,
    lookup: async (list) => new Map(list.map((r) => [r.address, { address: r.address, type: r.type, tls: 'opportunistic', warnings: [], lookup: 'ok' }])),
    appendAudit: async (events) => events.map((e) => e.clientEventId),
    scanAttachments: async () => ({ parts: [], uninspectable: [] }),
  };
  const globals = globalThis as { Office?: unknown };
  for (const { label, draft, target } of drafts) {
    const office = fakeOffice({ subject: draft.subject ?? '', body: draft.body ?? '', to: recipients });
    office.settings.set(POLICY_SETTING, { fetchedAt: Date.now(), policy: DEFAULT_POLICY });
    const settings = { get: (n: string) => office.settings.get(n), set: (n: string, v: unknown) => void office.settings.set(n, v), save: async () => undefined };
    const item = (office.Office as { context: { mailbox: { item: never } } }).context.mailbox.item;
    globals.Office = office.Office;
    const handler = await timings(RUNS, () => checkSend({ item, client, settings }));
    const bare = await timings(RUNS, async () => scanner.scan(draft));
    rows.push({ metric: `on-send decision, ${label}, p50`, value: ms(handler.p50), baseline: ms(bare.p50), target: '' });
    rows.push({
      metric: `on-send decision, ${label}, p99`,
      value: ms(handler.p99),
      baseline: ms(bare.p99),
      ...(target === undefined ? { target: '' } : { target: `< ${target} ms`, pass: handler.p99 < target }),
    });
  }
  delete globals.Office;

  const root = join(repo, 'addin-outlook');
  const onSend = (await build({ ...onSendBuild(root), write: false })).outputFiles![0]!;
  const taskPane = (await build({ ...taskPaneBuild(root), outdir: join(root, 'bench-out'), write: false })).outputFiles!.find((f) => f.path.endsWith('.js'))!;
  for (const [label, file] of [['on-send', onSend], ['task pane', taskPane]] as const) {
    const gz = gzipSync(file.contents).length;
    rows.push({ metric: `Outlook ${label} bundle, minified + gzip`, value: `${Math.round(gz / 1024)} KB`, baseline: '', target: '<= 400 KB', pass: gz <= 400 * 1024 });
  }
  return {
    rows,
    notes: [
      `On-send decision = checkSend in process: Office.js faked in memory, policy kept in settings, recipient lookup and audit delivery answered at once ` +
        `(cached answers); ${RUNS} runs each; baseline = the bare scan of the same draft.`,
    ],
  };
}

async function timings(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
