import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createClient } from 'redis';
import { createRedisRateLimitStore } from './rate-limit.js';
import { createTestApp, disposeTestApps } from './testing.js';

const redisUrl = process.env.REDIS_URL?.trim() || undefined;

(redisUrl ? describe : describe.skip)(`rate limits in Redis${redisUrl ? '' : ' (skipped: set REDIS_URL to run)'}`, () => {
  const clients: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await disposeTestApps();
  });

  /** One service replica: its own app, its own Redis connection, the shared counters. */
  async function replica(prefix: string) {
    const client = createClient({ url: redisUrl });
    await client.connect();
    clients.push(client);
    return (await createTestApp({
      config: { rateLimit: { limit: 4, windowSeconds: 60 } },
      deps: { rateLimitStore: createRedisRateLimitStore(client, prefix) },
    })).app;
  }

  it('hold across replicas: requests to one count against the limit on the other', async () => {
    const prefix = `phiguard-test:${randomBytes(6).toString('hex')}:`;
    const [a, b] = [await replica(prefix), await replica(prefix)];
    expect((await request(a).get('/v1/me')).status).toBe(401);
    expect((await request(b).get('/v1/me')).status).toBe(401);
    expect((await request(a).get('/v1/me')).status).toBe(401);
    const last = await request(b).get('/v1/me');
    expect(last.status).toBe(401);
    expect(last.headers['ratelimit']).toMatch(/r=0/);
    const refused = await request(a).get('/v1/me');
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('https://phiguard.dev/problems/rate_limited');
  });

  it('a replica with its own prefix (another deployment) keeps its own count', async () => {
    const a = await replica(`phiguard-test:${randomBytes(6).toString('hex')}:`);
    const b = await replica(`phiguard-test:${randomBytes(6).toString('hex')}:`);
    for (let i = 0; i < 4; i++) await request(a).get('/v1/me');
    expect((await request(a).get('/v1/me')).status).toBe(429);
    expect((await request(b).get('/v1/me')).status).toBe(401);
  });

  it('when Redis goes away the service keeps answering (counts nothing) rather than failing', async () => {
    const client = createClient({ url: redisUrl, disableOfflineQueue: true });
    await client.connect();
    const { app, logs } = await createTestApp({ deps: { rateLimitStore: createRedisRateLimitStore(client, `phiguard-test:${randomBytes(6).toString('hex')}:`) } });
    expect((await request(app).get('/v1/me')).status).toBe(401);
    client.destroy();
    expect((await request(app).get('/v1/me')).status).toBe(401);
    expect(logs.entries().some((entry) => entry.msg === 'rate limiter error')).toBe(true);
  });
});
