// Service figures for npm run bench: authenticated audit appends over HTTP and durable appends to
// SQLite, each beside a baseline measured in the same run on the same machine.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devNull, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import express from 'express';
import { AuditLog } from '../../service/src/audit/audit-log.js';
import { loadOrCreateAuditKey } from '../../service/src/audit/keys.js';
import { sampleEvent } from '../../service/src/audit/testing.js';
import { createDevVerifier, loadDevKey, signDevToken } from '../../service/src/auth/dev-issuer.js';
import { createVerifierFromConfig } from '../../service/src/auth/from-config.js';
import { createRoleMap } from '../../service/src/auth/roles.js';
import { createTokenVerifier, type TokenVerifier } from '../../service/src/auth/token-verifier.js';
import { configFrom } from '../../service/src/config.js';
import { systemClock } from '../../service/src/http/clock.js';
import { createLogger, type Logger } from '../../service/src/http/logger.js';
import { AUDIT_PREFIX } from '../../service/src/routes/audit.js';
import { startServer } from '../../service/src/server.js';
import { openStore } from '../../service/src/store/open-store.js';

export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly baseline: string;
  readonly target: string;
  readonly pass?: boolean;
}

/** autocannon's default shape (service.md §F anchors): 50 keep-alive connections, one request in flight each. */
const CONNECTIONS = 50;
const WARMUP_MS = 1_000;
/**
 * Targets and baselines take turns in short slices, so load from other processes on a shared
 * machine falls on both rather than on whichever ran second.
 */
const ROUNDS = 4;
const SLICE_MS = 1_000;
/** Bounds the load generator by count as well as time, whatever the machine. */
const MAX_REQUESTS = 1_000_000;
/** Batches of CONNECTIONS token checks timed for the profile note, after as many untimed (the remembered path is cheap and slow to warm up). */
const VERIFY_BATCHES = { remembered: 200, full: 10 } as const;
const APPENDERS = 200;
const DURABLE_ROUNDS = 3;
const ACTOR = 'bench@clinic.example.org';
const ID = '__ID__';

interface Target {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The request body; `__ID__` is replaced by a number unique within the run. */
  readonly body: string;
}

interface Load {
  readonly requests: number;
  readonly seconds: number;
  readonly perSec: number;
  readonly p50: number;
  readonly p99: number;
  /** Responses by status; 0 counts socket errors and timeouts. */
  readonly statuses: Readonly<Record<string, number>>;
}

/**
 * The load generator, plain CommonJS run in a worker thread so it neither shares the servers'
 * event loop nor depends on tsx loader hooks reaching workers. Each connection keeps one request
 * in flight. Every target is warmed up, then they take turns; requests are timed until each
 * slice's deadline or the overall cap.
 */
const LOAD_GENERATOR = `
const { parentPort, workerData: w } = require('node:worker_threads');
const http = require('node:http');
let id = 0;
let total = 0;
const targets = w.targets.map((t) => {
  const [head, tail] = t.body.split(w.idMarker);
  return { ...t, head, tail, url: new URL(t.url), agent: new http.Agent({ keepAlive: true, maxSockets: w.connections }),
    latencies: [], statuses: {}, seconds: 0 };
});
function send(t) {
  return new Promise((resolve) => {
    const body = t.head + (id++) + t.tail;
    const t0 = performance.now();
    const done = (status) => resolve({ status, ms: performance.now() - t0 });
    const req = http.request(
      { agent: t.agent, host: t.url.hostname, port: t.url.port, path: t.url.pathname, method: 'POST', headers: { ...t.headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode));
        res.once('error', () => done(0));
      },
    );
    req.setTimeout(10000, () => req.destroy());
    req.once('error', () => done(0));
    req.end(body);
  });
}
async function slice(t, ms, record) {
  const t0 = performance.now();
  const end = t0 + ms;
  const loop = async () => {
    while (performance.now() < end && total < w.maxRequests) {
      const r = await send(t);
      if (!record) continue;
      total++;
      t.latencies.push(r.ms);
      t.statuses[r.status] = (t.statuses[r.status] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: w.connections }, loop));
  if (record) t.seconds += (performance.now() - t0) / 1000;
}
(async () => {
  for (const t of targets) await slice(t, w.warmupMs, false);
  for (let round = 0; round < w.rounds; round++) for (const t of targets) await slice(t, w.sliceMs, true);
  parentPort.postMessage(targets.map((t) => {
    t.agent.destroy();
    const n = t.latencies.length;
    const sorted = Float64Array.from(t.latencies).sort();
    const q = (p) => sorted[Math.min(n - 1, Math.ceil(p * n) - 1)];
    return { requests: n, seconds: t.seconds, perSec: n / t.seconds, p50: q(0.5), p99: q(0.99), statuses: t.statuses };
  }));
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

async function generateLoad(targets: readonly Target[]): Promise<Load[]> {
  const worker = new Worker(LOAD_GENERATOR, {
    eval: true,
    workerData: { targets, idMarker: ID, connections: CONNECTIONS, warmupMs: WARMUP_MS, rounds: ROUNDS, sliceMs: SLICE_MS, maxRequests: MAX_REQUESTS },
  });
  // A stuck server must not hang the bench: the worker is stopped well after its own deadline.
  const guard = setTimeout(() => void worker.terminate(), targets.length * (WARMUP_MS + ROUNDS * SLICE_MS) + 15_000);
  try {
    const message = await new Promise<Load[] | { error: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
    });
    if ('error' in message) throw new Error(`load generator failed: ${message.error}`);
    return message;
  } finally {
    clearTimeout(guard);
    await worker.terminate();
  }
}

/** Pino writes each line synchronously to stdout in production; here the same writes go to the null device. */
function discardingLogger(): { logger: Logger; close(): void } {
  const fd = openSync(devNull, 'w');
  return { logger: createLogger('info', { write: (line: string) => void writeSync(fd, line) }), close: () => closeSync(fd) };
}

interface Running {
  readonly target: Target;
  close(): Promise<void>;
}

/** Wall time per check of the bench's bearer token, CONNECTIONS at a time. */
interface VerifyMicros {
  /** The server's verifier, which remembers the token once verified. */
  readonly remembered: number;
  /** The signature and claims checked every time. */
  readonly full: number;
}

interface AuditServer extends Running {
  tokenVerifyMicros(): Promise<VerifyMicros>;
}

/** The real server (dev mode, SQLite, full middleware) with a rate limit high enough not to throttle one client address. */
async function startAuditServer(dataDir: string): Promise<AuditServer> {
  const log = discardingLogger();
  const config = configFrom({ port: 0, host: '127.0.0.1', dataDir, dev: true, rateLimit: { limit: 1_000_000_000, windowSeconds: 60 }, shutdownTimeoutSeconds: 2 });
  const server = await startServer(config, { logger: log.logger });
  const close = async () => {
    await server.close();
    log.close();
  };
  let token: string;
  try {
    token = await signDevToken(await loadDevKey(dataDir), { sub: 'bench', email: ACTOR, roles: ['user'], ttlSeconds: 600, now: new Date() });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    target: {
      url: `${server.url}${AUDIT_PREFIX}/events`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: eventBody(`bench-${randomUUID()}-${ID}`),
    },
    close,
    // The same verifier construction as the server's, timed alone for the profile note.
    tokenVerifyMicros: async () => {
      const { verifier } = await createVerifierFromConfig(config, systemClock);
      const { publicJwk } = await loadDevKey(dataDir);
      const uncached = createTokenVerifier([createDevVerifier({ publicJwk, clock: systemClock, roles: createRoleMap(config.auth.roles) })]);
      return {
        remembered: await microsPerVerify(verifier, token, VERIFY_BATCHES.remembered),
        full: await microsPerVerify(uncached, token, VERIFY_BATCHES.full),
      };
    },
  };
}

async function microsPerVerify(verifier: TokenVerifier, token: string, batches: number): Promise<number> {
  const batch = () => Promise.all(Array.from({ length: CONNECTIONS }, () => verifier.verify(token)));
  for (let i = 0; i < batches; i++) await batch();
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) await batch();
  return ((performance.now() - t0) * 1000) / (batches * CONNECTIONS);
}

/** Express 5 with one route answering 200, sent the same POST: the ceiling of any Express service here. */
async function startBareExpress(): Promise<Running> {
  const app = express();
  app.post('/events', (_req, res) => {
    res.sendStatus(200);
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    target: { url: `http://127.0.0.1:${port}/events`, headers: { 'content-type': 'application/json' }, body: eventBody(`bench-${ID}`) },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function eventBody(clientEventId: string): string {
  return JSON.stringify({ events: [sampleEvent(clientEventId)] });
}

async function httpLoads(dataDir: string): Promise<{ audit: Load; bare: Load; verifyMicros: VerifyMicros }> {
  const opened: Running[] = [];
  try {
    const auditServer = await startAuditServer(dataDir);
    opened.push(auditServer);
    opened.push(await startBareExpress());
    const [audit, bare] = await generateLoad(opened.map((s) => s.target));
    return { audit: audit!, bare: bare!, verifyMicros: await auditServer.tokenVerifyMicros() };
  } finally {
    for (const server of opened) await server.close();
  }
}

interface Durable {
  events: number;
  seconds: number;
}

/** AuditLog.append (group commit) from APPENDERS concurrent callers, and better-sqlite3 alone, taking turns. */
async function durableAppends(dataDir: string, rawFile: string): Promise<{ logged: Durable; raw: Durable }> {
  const store = await openStore({ dataDir });
  const log = new AuditLog({ store, key: await loadOrCreateAuditKey(dataDir) });
  const db = new Database(rawFile);
  try {
    // Same durability as the store: WAL, synchronous=FULL, and one autocommit insert (one fsync) per event.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE event (seq INTEGER PRIMARY KEY, client_event_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO event (client_event_id, body) VALUES (?, ?)');
    const logged: Durable = { events: 0, seconds: 0 };
    const raw: Durable = { events: 0, seconds: 0 };
    let next = 0;
    for (let round = 0; round < DURABLE_ROUNDS; round++) {
      const loggedStart = performance.now();
      const appender = async () => {
        while (performance.now() < loggedStart + SLICE_MS) {
          await log.append(ACTOR, sampleEvent(`durable-${next++}`));
          logged.events++;
        }
      };
      await Promise.all(Array.from({ length: APPENDERS }, appender));
      logged.seconds += (performance.now() - loggedStart) / 1000;

      const rawStart = performance.now();
      while (performance.now() < rawStart + SLICE_MS) {
        const id = `raw-${next++}`;
        insert.run(id, JSON.stringify(sampleEvent(id)));
        raw.events++;
      }
      raw.seconds += (performance.now() - rawStart) / 1000;
    }
    return { logged, raw };
  } finally {
    db.close();
    await log.close();
    await store.close();
  }
}

const rate = (x: number, unit: string) => `${Math.round(x).toLocaleString('en-US')} ${unit}`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function statusSummary(load: Load): string {
  return Object.entries(load.statuses)
    .map(([status, n]) => `${n} x ${status === '0' ? 'socket error' : status}`)
    .join(', ');
}

/** Runs the service benchmarks (about 17 s) in a temp folder it removes, and returns table rows and notes. */
export async function benchService(): Promise<{ rows: Row[]; notes: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'phiguard-bench-service-'));
  try {
    const { audit, bare, verifyMicros } = await httpLoads(join(root, 'http'));
    const { logged, raw } = await durableAppends(join(root, 'durable'), join(root, 'raw.db'));
    const loggedPerSec = logged.events / logged.seconds;
    const rawPerSec = raw.events / raw.seconds;

    const ratio = audit.perSec / bare.perSec;
    const allCreated = (audit.statuses['201'] ?? 0) === audit.requests;
    const rows: Row[] = [
      {
        metric: `audit append POST, ${CONNECTIONS} connections`,
        value: rate(audit.perSec, 'req/s'),
        baseline: rate(bare.perSec, 'req/s'),
        target: '>= 50% of baseline',
        pass: ratio >= 0.5 && allCreated,
      },
      { metric: 'audit append POST p99 latency', value: ms(audit.p99), baseline: ms(bare.p99), target: '' },
      {
        metric: `durable appends, ${APPENDERS} appenders`,
        value: rate(loggedPerSec, 'events/s'),
        baseline: rate(rawPerSec, 'events/s'),
        target: '>= 5,000 events/s',
        pass: loggedPerSec >= 5000,
      },
    ];
    const notes = [
      `Audit append = the real server in dev mode (SQLite FULL, helmet, CORS, rate limit raised to 1e9/min, request log to ${devNull}, ` +
        `metrics, dev EdDSA token) taking POST ${AUDIT_PREFIX}/events with 1 event and a unique clientEventId; baseline = Express 5 ` +
        `answering 200 to the same POST. ${CONNECTIONS} keep-alive connections from a worker thread, ${WARMUP_MS / 1000} s warm-up each, ` +
        `then ${ROUNDS} alternating ${SLICE_MS / 1000} s slices each: ${(ratio * 100).toFixed(0)}% of the baseline; ` +
        `${statusSummary(audit)} (p50 ${ms(audit.p50)}) vs ${statusSummary(bare)} (p50 ${ms(bare.p50)}).`,
      `Durable appends = AuditLog.append from ${APPENDERS} concurrent callers, ${logged.events} events; baseline = better-sqlite3 alone, ` +
        `WAL + synchronous=FULL, one transaction (one fsync) per event, ${raw.events} events; ${DURABLE_ROUNDS} alternating ` +
        `${SLICE_MS / 1000} s slices each, in ${tmpdir()}.`,
    ];
    if (ratio < 0.5) {
      // One event loop serves every request, so 1/rate is each request's share of it.
      const micros = (x: number) => `${Math.round(1e6 / x)} µs`;
      notes.push(
        `Where the time goes: 1/rate is ${micros(audit.perSec)} per audit append vs ${micros(bare.perSec)} per baseline request; ` +
          `accepting the EdDSA bearer token again takes ${verifyMicros.remembered.toFixed(1)} µs once verified, a full check ` +
          `${Math.round(verifyMicros.full)} µs (${CONNECTIONS} in flight).`,
      );
    }
    if (!allCreated) notes.push('Some audit appends were not answered 201: the audit append row fails whatever its rate.');
    return { rows, notes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
