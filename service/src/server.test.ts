import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { sampleEvent } from './audit/testing.js';
import { loadDevKey, signDevToken } from './auth/dev-issuer.js';
import { configFrom, type ConfigInput } from './config.js';
import { captureLogs } from './http/testing.js';
import { startServer, type RunningServer } from './server.js';
import type { Store } from './store/store.js';
import { storeTargets, targetTitle, type TestStore } from './store/testing.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'phi-guard-server-'));
}

/** A store whose ping waits for the test, and which records when it is closed. */
function gated(store: Store, events: string[], onClose: () => void = () => undefined) {
  let release!: () => void;
  let signalStarted!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (signalStarted = resolve));
  const wrapped: Store = {
    dialect: store.dialect,
    all: (sql, params) => store.all(sql, params),
    run: (sql, params) => store.run(sql, params),
    transaction: (fn) => store.transaction(fn),
    ping: async () => {
      signalStarted();
      await gate;
      events.push('ping answered');
      return store.ping();
    },
    close: async () => {
      onClose();
      events.push('store closed');
      await store.close();
    },
  };
  return { wrapped, release, started };
}

for (const target of storeTargets()) {
  (target.skipReason ? describe.skip : describe)(targetTitle(target, 'the real server'), () => {
    async function start(config: ConfigInput, wrap?: (store: Store) => Store, logs = captureLogs()) {
      const opened: TestStore = await target.open();
      cleanups.push(() => opened.dispose().catch(() => undefined));
      const server = await startServer(configFrom({ port: 0, ...config }), {
        logger: logs.logger,
        openStore: async () => (wrap ? wrap(opened.store) : opened.store),
      });
      cleanups.push(() => server.close());
      return { server, logs };
    }

    it('listens on an ephemeral port and answers over real HTTP, store ready, dev token accepted', async () => {
      const dataDir = await tempDir();
      const { server } = await start({ dev: true, dataDir });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.issuers).toEqual(['dev']);
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      const token = await signDevToken(await loadDevKey(dataDir), { sub: 'alice', roles: ['admin'], ttlSeconds: 60, now: new Date() });
      const me = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ sub: 'alice', roles: ['user', 'admin'], issuer: 'dev' });
    });

    it('records audit events durably through the real server, signed-in caller as actor', async () => {
      const dataDir = await tempDir();
      const { server } = await start({ dev: true, dataDir });
      const token = await signDevToken(await loadDevKey(dataDir), { sub: 'alice', email: 'alice@clinic.example.org', roles: ['admin'], ttlSeconds: 60, now: new Date() });
      const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const posted = await fetch(`${server.url}/v1/audit/events`, { method: 'POST', headers: auth, body: JSON.stringify({ events: [sampleEvent('e-1')] }) });
      expect(posted.status).toBe(201);
      const found = (await (await fetch(`${server.url}/v1/audit/events`, { headers: auth })).json()) as { events: Array<{ actor: string; kind: string }> };
      // Newest first: the event posted, then dev mode's creation of its break-glass admin at start-up.
      expect(found.events).toEqual([
        expect.objectContaining({ actor: 'alice@clinic.example.org', kind: 'send_blocked' }),
        expect.objectContaining({ actor: 'service', kind: 'admin_account_created' }),
      ]);
      const unauthenticated = await fetch(`${server.url}/v1/audit/events`);
      expect(unauthenticated.status).toBe(401);
    });

    it('shuts down gracefully: stops accepting, finishes the request in flight, then closes the store', async () => {
      const events: string[] = [];
      const logs = captureLogs();
      // The server's own record of the response: the request log line written when it finished.
      const responded = () => {
        const line = logs.entries().find((entry) => entry.msg === 'request' && entry.route === '/readyz');
        if (line) events.push(`response ${String(line.status)} finished`);
      };
      let gate!: ReturnType<typeof gated>;
      const { server } = await start({ dataDir: await tempDir() }, (store) => (gate = gated(store, events, responded)).wrapped, logs);

      const inFlight = fetch(`${server.url}/readyz`);
      await gate.started;
      const closing = server.close().then(() => events.push('closed'));
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(events).toEqual([]);

      gate.release();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toEqual({ status: 'ready' });
      await closing;
      expect(events).toEqual(['ping answered', 'response 200 finished', 'store closed', 'closed']);
    });

    it('cuts a request still in flight after the shutdown timeout, then closes the store anyway', async () => {
      const events: string[] = [];
      let gate!: ReturnType<typeof gated>;
      const { server, logs } = await start(
        { dataDir: await tempDir(), shutdownTimeoutSeconds: 0.2 },
        (store) => (gate = gated(store, events)).wrapped,
      );
      const inFlight = fetch(`${server.url}/readyz`);
      await gate.started;
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      await expect(inFlight).rejects.toThrow();
      expect(events).toEqual(['store closed']);
      expect(logs.entries().some((entry) => entry.msg === 'shutdown timeout: closing connections with requests in flight')).toBe(true);
      gate.release();
    });
  });
}

describe('startServer', () => {
  it('fails on a port in use, and closes the store it opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as AddressInfo).port;
    const events: string[] = [];
    // Answers the policy source's start-up read with no stored version.
    const store = { ping: async () => undefined, all: async () => [], close: async () => void events.push('store closed') } as unknown as Store;
    await expect(
      startServer(configFrom({ port, dataDir: await tempDir() }), { logger: captureLogs().logger, openStore: async () => store }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(events).toEqual(['store closed']);
  });

  it('close() is idempotent', async () => {
    const server: RunningServer = await startServer(configFrom({ port: 0, dataDir: await tempDir() }), { logger: captureLogs().logger });
    await Promise.all([server.close(), server.close()]);
    await server.close();
  });
});

const redisUrl = process.env.REDIS_URL?.trim() || undefined;
(redisUrl ? describe : describe.skip)(`with REDIS_URL${redisUrl ? '' : ' (skipped: set REDIS_URL to run)'}`, () => {
  it('keeps rate-limit counters in Redis and disconnects on shutdown', async () => {
    const server = await startServer(configFrom({ port: 0, dataDir: await tempDir(), redisUrl }), { logger: captureLogs().logger });
    cleanups.push(() => server.close());
    const res = await fetch(`${server.url}/v1/me`);
    expect(res.headers.get('ratelimit-policy')).toMatch(/q=300/);
    const client = createClient({ url: redisUrl });
    await client.connect();
    cleanups.push(() => client.close());
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: 'phiguard:rl:*', COUNT: 100 })) keys.push(...batch);
    expect(keys.length).toBeGreaterThan(0);
    await server.close();
  });

  it('refuses to start when Redis does not answer, without printing the URL', async () => {
    const logs = captureLogs();
    await expect(
      startServer(configFrom({ port: 0, dataDir: await tempDir(), redisUrl: 'redis://:s3cret@127.0.0.1:1' }), { logger: logs.logger }),
    ).rejects.toThrow();
    expect(logs.text()).not.toContain('s3cret');
  }, 15_000);
});
