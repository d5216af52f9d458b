import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom } from '../config.js';
import { captureLogs } from '../http/testing.js';
import { startServer, type RunningServer } from '../server.js';
import { DEMO_USER } from './dev.js';

describe('the add-in demo token', () => {
  const running: Array<{ server: RunningServer; dir: string }> = [];
  afterAll(async () => {
    for (const { server, dir } of running) {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
  const start = async (dev: boolean) => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-dev-'));
    const server = await startServer(configFrom({ port: 0, dataDir: dir, dev }), { logger: captureLogs().logger });
    running.push({ server, dir });
    return server;
  };

  it('signs the demo user in, in dev mode, with a token the service accepts', async () => {
    const server = await start(true);
    const { token } = (await (await fetch(`${server.url}/v1/dev/demo-token`, { method: 'POST' })).json()) as { token: string };
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ email: DEMO_USER, roles: ['user'] });
  });

  it('does not exist outside dev mode', async () => {
    const server = await start(false);
    expect((await fetch(`${server.url}/v1/dev/demo-token`, { method: 'POST' })).status).toBe(404);
  });
});
