import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadDevKey, signDevToken } from './auth/dev-issuer.js';
import { createVerifierFromConfig } from './auth/from-config.js';
import { configFrom, type ConfigInput } from './config.js';
import { HTTP_METHODS, mountedRoutes } from './http/route-registry.js';
import { createTestApp, disposeTestApps } from './http/testing.js';

const ADDIN = 'https://addin.clinic.example.org';

afterAll(disposeTestApps);

describe('every response', () => {
  it('carries a request id, fresh unless the client sent a UUID', async () => {
    const { app } = await createTestApp();
    const fresh = await request(app).get('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect((await request(app).get('/healthz').set('X-Request-Id', id)).headers['x-request-id']).toBe(id);
    const ssn = await request(app).get('/healthz').set('X-Request-Id', '219-09-9999');
    expect(ssn.headers['x-request-id']).not.toBe('219-09-9999');
  });

  it('has helmet\'s security headers and does not say it is Express', async () => {
    const res = await request(await app()).get('/healthz');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS', () => {
  const cors = () => app({ corsOrigins: [ADDIN] });

  it('lets a configured add-in origin call the API with a bearer token', async () => {
    const preflight = await request(await cors())
      .options('/v1/me')
      .set('Origin', ADDIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ADDIN);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const res = await request(await cors()).get('/healthz').set('Origin', ADDIN);
    expect(res.headers['access-control-allow-origin']).toBe(ADDIN);
    expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('gives any other origin no CORS headers, so the browser blocks it', async () => {
    for (const origin of ['https://evil.example', 'https://addin.clinic.example.org.evil.example', 'null']) {
      const res = await request(await cors()).get('/healthz').set('Origin', origin);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('rate limiting', () => {
  const limited = () => app({ rateLimit: { limit: 3, windowSeconds: 60 } });

  it('answers 429 problem+json with RateLimit headers past the limit', async () => {
    const a = await limited();
    for (let i = 0; i < 3; i++) expect((await request(a).get('/v1/me')).status).toBe(401);
    const res = await request(a).get('/v1/me');
    expect(res.status).toBe(429);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/rate_limited', status: 429 });
    expect(res.headers['ratelimit-policy']).toMatch(/q=3; w=60/);
    expect(res.headers['ratelimit']).toMatch(/r=0/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('counts requests the body parser rejects (it runs before the body is read)', async () => {
    const a = await limited();
    for (let i = 0; i < 2; i++) {
      const tooLarge = await request(a).post('/v1/me').set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(200_000)}"}`);
      expect(tooLarge.status).toBe(413);
    }
    expect((await request(a).post('/v1/me').set('Content-Type', 'application/json').send('{oops')).status).toBe(400);
    expect((await request(a).get('/v1/me')).status).toBe(429);
  });

  it('never turns away health probes or metric scrapes', async () => {
    const a = await limited();
    for (let i = 0; i < 4; i++) await request(a).get('/v1/me');
    for (const path of ['/healthz', '/readyz', '/metrics']) expect((await request(a).get(path)).status).toBe(200);
  });
});

describe('bodies and errors', () => {
  it('refuses a body over the limit with 413 problem+json', async () => {
    const res = await request(await app({ bodyLimitBytes: 2048 }))
      .post('/v1/me')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ note: 'x'.repeat(4096) }));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/body_too_large', status: 413 });
  });

  it('refuses malformed JSON with 400 problem+json that does not quote it', async () => {
    const res = await request(await app()).post('/v1/me').set('Content-Type', 'application/json').send('{"patient": "Jonathan Whitfield",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'https://phiguard.dev/problems/malformed_json', title: 'Request body is not valid JSON', status: 400, instance: '/v1/me' });
  });

  it('answers unknown routes with 404 problem+json, without the query string', async () => {
    const res = await request(await app()).get('/v1/patients/42?name=Jonathan');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual({ type: 'https://phiguard.dev/problems/not_found', title: 'No such route', status: 404, instance: '/v1/patients/42' });
  });
});

describe('caching', () => {
  it('no browser or proxy keeps an API answer, a portal page or an error; the add-in files set their own', async () => {
    const served = await app();
    for (const path of ['/v1/policy', '/v1/patients/42', '/portal/m/x']) {
      expect([path, (await request(served).get(path)).headers['cache-control']]).toEqual([path, 'no-store']);
    }
    const icon = await request(served).get('/addin/outlook/assets/icon-32.png');
    expect([icon.status, icon.headers['cache-control']]).toEqual([200, 'public, max-age=86400']);
  });
});

describe('health', () => {
  it('/healthz says alive; /readyz says ready when the store answers', async () => {
    expect((await request(await app()).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(await app()).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    expect(ready.headers['cache-control']).toBe('no-store');
  });

  it('/readyz is 503 problem+json when the store does not answer, or does not answer in time', async () => {
    const failing = await createTestApp({ deps: { store: { ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432 for phi_user')) } } });
    const res = await request(failing.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ type: 'https://phiguard.dev/problems/not_ready', status: 503 });
    expect(failing.logs.text()).not.toContain('phi_user');
    const hanging = await createTestApp({ deps: { store: { ping: () => new Promise<void>(() => undefined) } } });
    expect((await request(hanging.app).get('/readyz')).status).toBe(503);
  });

  it('/readyz is 503 once shutdown has begun', async () => {
    const { app: draining } = await createTestApp({ deps: { isDraining: () => true } });
    expect((await request(draining).get('/readyz')).status).toBe(503);
    expect((await request(draining).get('/healthz')).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('counts and times requests by route template and status, never by concrete path', async () => {
    const a = await app();
    await request(a).get('/healthz');
    await request(a).get('/v1/me');
    await request(a).get('/v1/patients/Jonathan%20Whitfield/219-09-9999');
    const res = await request(a).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain');
    expect(res.text).toContain('http_requests_total{method="GET",route="/healthz",status="200"} 1');
    expect(res.text).toContain('http_requests_total{method="GET",route="/v1/me",status="401"} 1');
    expect(res.text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status="200"\}/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).not.toMatch(/Whitfield|219-09-9999/);
  });
});

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 generated from the zod schemas, with the problem schema and bearer security', async () => {
    const doc = (await request(await app()).get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: expect.arrayContaining(['type', 'title', 'status']) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.paths['/v1/me'].get).toMatchObject({ security: [{ bearer: [] }], responses: { '200': expect.anything(), '401': expect.anything(), '403': expect.anything() } });
    expect(doc.paths['/readyz'].get.responses['503'].content['application/problem+json']).toBeDefined();
  });

  it('documents every mounted route, and documents no route that is not mounted', async () => {
    const a = await app();
    const doc = (await request(a).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const mounted = mountedRoutes(a).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => method in item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(mounted).toEqual(expect.arrayContaining(['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /openapi.json', 'GET /v1/me']));
    expect([...mounted].sort()).toEqual([...documented].sort());
  });
});

describe('logs', () => {
  const PHI = {
    name: 'Jonathan Q. Whitfield',
    ssn: '219-09-9999',
    diagnosis: 'metastatic pancreatic adenocarcinoma',
    mrn: 'MRN-00482913',
    dob: '1957-03-14',
  };
  const values = Object.values(PHI);
  const phiText = values.join(' ');

  it('never contain PHI sent in a body, query string, path or header to any endpoint', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'phi-guard-logs-'));
    const config: ConfigInput = { dev: true, dataDir, bodyLimitBytes: 4096 };
    const { verifier } = await createVerifierFromConfig(configFrom(config), { now: () => new Date() });
    const { app: a, logs } = await createTestApp({ config, deps: { verifier } });
    const token = await signDevToken(await loadDevKey(dataDir), { sub: 'clinician-7', roles: ['user', 'admin'], ttlSeconds: 300, now: new Date() });
    const phiJwt = `${b64({ alg: 'none' })}.${b64(PHI)}.`;
    const query = new URLSearchParams(PHI).toString();
    const headers = {
      'X-Patient-Name': PHI.name,
      'X-Request-Id': PHI.ssn,
      Cookie: `patient=${encodeURIComponent(phiText)}`,
      Referer: `https://ehr.example.org/chart?${query}`,
      'User-Agent': `EHR ${PHI.mrn}`,
    };
    const routes = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/v1/me', '/v1/audit/events', '/v1/audit/export.csv', '/v1/audit/holds'];
    const paths = [...routes, `/v1/patients/${encodeURIComponent(PHI.name)}/${PHI.ssn}`, `/v1/audit/holds/${PHI.ssn}`];
    let sent = 0;
    for (const path of paths) {
      for (const auth of [undefined, `Bearer ${token}`, `Bearer ${phiJwt}`, `Basic ${Buffer.from(`${PHI.name}:${PHI.ssn}`).toString('base64')}`]) {
        const get = request(a).get(`${path}?${query}`).set(headers);
        await (auth === undefined ? get : get.set('Authorization', auth));
        const post = request(a).post(`${path}?${query}`).set(headers).set('Content-Type', 'application/json');
        await (auth === undefined ? post : post.set('Authorization', auth)).send(JSON.stringify({ patient: PHI, note: `${phiText}` }));
        sent += 2;
      }
      await request(a).post(path).set('Content-Type', 'application/json').send(`{"patient": "${PHI.name}", "ssn": ${PHI.ssn}`);
      await request(a).post(path).set('Content-Type', 'application/json').send(JSON.stringify({ note: phiText.repeat(200) }));
      sent += 2;
    }

    const held = await request(a).delete(`/v1/audit/holds/${PHI.ssn}?${query}`).set(headers).set('Authorization', `Bearer ${token}`);
    expect(held.status).toBe(404);
    sent += 1;

    const text = logs.text();
    for (const value of [...values, encodeURIComponent(PHI.name), b64(PHI), Buffer.from(PHI.name).toString('base64'), token]) {
      expect(text).not.toContain(value);
    }
    const entries = logs.entries();
    const requests = entries.filter((entry) => entry.msg === 'request');
    expect(requests).toHaveLength(sent);
    const allowed = new Set(['level', 'time', 'service', 'msg', 'reqId', 'method', 'route', 'status', 'ms', 'sub']);
    for (const entry of requests) expect(Object.keys(entry).filter((key) => !allowed.has(key))).toEqual([]);
    expect(requests.some((entry) => entry.sub === 'clinician-7' && entry.route === '/v1/me' && entry.status === 200)).toBe(true);
    expect(new Set(requests.map((entry) => entry.route))).toEqual(new Set([...routes, '/v1/audit/holds/{id}', 'unmatched']));
    expect(requests.some((entry) => entry.route === '/v1/audit/events' && entry.status === 400)).toBe(true);
    for (const entry of entries.filter((e) => e.msg !== 'request')) {
      expect(Object.keys(entry).filter((key) => !['level', 'time', 'service', 'msg', 'reqId', 'reason'].includes(key))).toEqual([]);
    }
  });
});

async function app(config: ConfigInput = {}) {
  return (await createTestApp({ config })).app;
}

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
