import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createSyncHttp, SyncHttpError, type SyncHttp } from './sync-http.js';

// The server runs on its own thread: on this one it could not answer while request() blocks.
const SERVER_SOURCE = `
const { createServer } = require('node:http');
const { createHash } = require('node:crypto');
const { parentPort } = require('node:worker_threads');
// 1 MiB of mixed 1-, 2-, 3- and 4-byte UTF-8 characters, numbered so a lost or reordered chunk shows.
const parts = [];
for (let i = 0, bytes = 0; bytes < 1024 * 1024; i++) {
  parts.push(i + 'aé€😀');
  bytes += Buffer.byteLength(parts[i]);
}
const big = parts.join('');
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const status = /^\\/status\\/(\\d{3})$/.exec(req.url);
    if (req.method === 'GET' && req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-served-by': 'test-server' });
      res.end(JSON.stringify({ greeting: 'grüß dich 👋' }));
    } else if (req.method === 'POST' && req.url === '/echo') {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'], trace: req.headers['x-trace'], body: JSON.parse(body) }));
    } else if (status) {
      res.writeHead(Number(status[1]), { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status: Number(status[1]) }));
    } else if (req.url === '/big') {
      const bytes = Buffer.from(big, 'utf8');
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-sha256': createHash('sha256').update(bytes).digest('hex') });
      res.end(bytes);
    } else if (req.url === '/never') {
      // Holds the request open: only the client's timeout ends it.
    } else {
      res.writeHead(404).end();
    }
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

let server: Worker;
let base: string;
let http: SyncHttp;

beforeAll(async () => {
  server = new Worker(SERVER_SOURCE, { eval: true });
  const [port] = (await once(server, 'message')) as [number];
  base = `http://127.0.0.1:${port}`;
  http = createSyncHttp();
});

afterAll(async () => {
  http.close();
  await server.terminate();
});

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function thrown(run: () => unknown): SyncHttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof SyncHttpError) return error;
    throw error;
  }
  throw new Error('expected a SyncHttpError');
}

describe('createSyncHttp', () => {
  it('GET blocks until the answer and returns status, lower-case headers and the UTF-8 body', () => {
    const res = http.request({ url: `${base}/json`, method: 'get', headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-served-by']).toBe('test-server');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ greeting: 'grüß dich 👋' });
  });

  it('POST sends the JSON body as UTF-8 with the given headers', () => {
    const payload = { to: ['zoë@example.org'], note: 'naïve café ☕' };
    const res = http.request({
      url: `${base}/echo`,
      method: 'post',
      headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ method: 'POST', contentType: 'application/json', trace: 'abc', body: payload });
  });

  it.each([400, 401, 404, 500, 503])('returns a %i answer instead of throwing', (status) => {
    const res = http.request({ url: `${base}/status/${status}`, method: 'GET', headers: {} });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toEqual({ status });
  });

  it('returns a 1 MiB multi-byte body byte for byte', () => {
    const res = http.request({ url: `${base}/big`, method: 'GET', headers: {} });
    const bytes = Buffer.from(res.body, 'utf8');
    expect(bytes.length).toBeGreaterThanOrEqual(1024 * 1024);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.headers['x-sha256']);
  });

  it('throws request_failed, naming the cause, when the connection is refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const error = thrown(() => http.request({ url, method: 'GET', headers: {} }));
    expect(error.code).toBe('request_failed');
    expect(error.message).toContain(`GET ${url}`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('throws timed_out after the request timeout, and the next request still gets its own answer', () => {
    const started = Date.now();
    const error = thrown(() => http.request({ url: `${base}/never`, method: 'GET', headers: {}, timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('timed_out');
    expect(error.message).toContain('no answer within 300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
    expect(http.request({ url: `${base}/status/202`, method: 'GET', headers: {} }).status).toBe(202);
  });

  it('refuses requests once closed', () => {
    const own = createSyncHttp();
    expect(own.request({ url: `${base}/status/204`, method: 'GET', headers: {} }).status).toBe(204);
    own.close();
    expect(thrown(() => own.request({ url: `${base}/json`, method: 'GET', headers: {} })).code).toBe('closed');
  });
});
