import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditLog } from '../../service/src/audit/audit-log.js';
import { loadOrCreateAuditKey } from '../../service/src/audit/keys.js';
import { sampleEvent } from '../../service/src/audit/testing.js';
import { openStore } from '../../service/src/store/open-store.js';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(__dirname, 'append-burst.ts');
const SERVER = join(__dirname, 'serve-burst.ts');
/** Kill once this many appends were acknowledged: well into the burst. */
const KILL_AFTER = 1500;

/**
 * Runs the burst in its own node process (not the tsx CLI, which forks a second one that a
 * SIGKILL would orphan) and kills it once KILL_AFTER ids are acknowledged. Resolves to every id
 * the child printed, i.e. every append that had resolved before it died.
 */
function burstThenKill(dataDir: string): Promise<{ acknowledged: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@phiguard/source', CHILD, dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let partial = '';
    let stderr = '';
    const deadline = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      acknowledged.push(...lines.filter((line) => line !== 'ready'));
      if (acknowledged.length >= KILL_AFTER) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (acknowledged.length < KILL_AFTER) reject(new Error(`the burst stopped early (exit ${code}, ${signal}): ${stderr.slice(0, 2000)}`));
      else resolvePromise({ acknowledged, signal });
    });
  });
}

/** Starts the HTTP child, posts events from many clients, and kills it once KILL_AFTER got a 2xx. */
function postThenKill(dataDir: string): Promise<{ acknowledged: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@phiguard/source', SERVER, dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let stderr = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const deadline = setTimeout(kill, 15_000);
    const client = async (url: string, c: number) => {
      for (let n = 0; !killed; n++) {
        const ids = n % 4 === 3 ? [0, 1, 2].map((i) => `c${c}-${n}-b${i}`) : [`c${c}-${n}`];
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ events: ids.map((id) => sampleEvent(id)) }),
          });
          if (res.status === 200 || res.status === 201) acknowledged.push(...ids);
          else throw new Error(`unexpected status ${res.status}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (acknowledged.length >= KILL_AFTER && !killed) kill();
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const port = /port (\d+)/.exec(chunk)?.[1];
      if (!port) return;
      const url = `http://127.0.0.1:${port}/v1/audit/events`;
      Promise.all(Array.from({ length: 24 }, (_, c) => client(url, c))).catch((error: unknown) => {
        kill();
        reject(error);
      });
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      if (acknowledged.length < KILL_AFTER) reject(new Error(`the server stopped early (exit ${code}, ${signal}): ${stderr.slice(0, 2000)}`));
      else resolvePromise({ acknowledged, signal });
    });
  });
}

/** Reopens the data folder after the crash and checks what the issue promises. */
async function expectNothingLost(dataDir: string, acknowledged: readonly string[]): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const log = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
    const stored = new Set((await store.all<{ id: string }>('SELECT client_event_id AS id FROM audit_event')).map((r) => r.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // Batches are atomic even when the kill lands mid-commit.
    const batches = new Map<string, number>();
    for (const id of stored) {
      const batch = /^(\w\d+-\d+)-b\d$/.exec(id)?.[1];
      if (batch) batches.set(batch, (batches.get(batch) ?? 0) + 1);
    }
    expect([...batches.values()].filter((n) => n !== 3)).toEqual([]);

    const report = await log.verify();
    expect(report).toMatchObject({ ok: true, problems: [] });

    // The restarted log carries on from the head the dead process left.
    const next = await log.append('crash@example.org', sampleEvent('after-restart'));
    expect(next.seq).toBe(report.head.seq + 1);
    await log.checkpoint();
    expect((await log.verify()).ok).toBe(true);
    await log.close();
  } finally {
    await store.close();
  }
}

describe('audit log crash safety (SQLite)', () => {
  it('SIGKILL during a burst of concurrent appends loses no acknowledged event, and the chain verifies after restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-crash-'));
    try {
      const { acknowledged, signal } = await burstThenKill(dataDir);
      expect(signal).toBe('SIGKILL');
      await expectNothingLost(dataDir, acknowledged);
      // The child checkpointed while appending; those checkpoints still verify.
      const store = await openStore({ dataDir });
      expect(await store.all('SELECT size FROM audit_checkpoint LIMIT 1')).toHaveLength(1);
      await store.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('SIGKILL while clients post over HTTP loses no event that got a 2xx', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-crash-http-'));
    try {
      const { acknowledged, signal } = await postThenKill(dataDir);
      expect(signal).toBe('SIGKILL');
      await expectNothingLost(dataDir, acknowledged);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
