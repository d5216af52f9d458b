import { afterAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom, loadConfig } from '../config.js';
import { captureLogs } from '../http/testing.js';
import { startServer } from '../server.js';
import { loadOrCreateDevCertificate } from './dev-certificate.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'phi-guard-tls-'));
  dirs.push(dir);
  return dir;
};

describe('development HTTPS', () => {
  it('creates a localhost certificate once, keeps it, and renews it near expiry', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateDevCertificate(dir, new Date('2026-11-25T00:00:00Z'));
    const cert = new X509Certificate(first.certPem);
    expect(cert.subjectAltName).toContain('DNS:localhost');
    expect(cert.verify(new X509Certificate(await readFile(first.caPath, 'utf8')).publicKey)).toBe(true);
    expect((await stat(join(dir, 'dev-tls', 'localhost-key.pem'))).mode & 0o077).toBe(0);
    expect((await loadOrCreateDevCertificate(dir, new Date('2027-06-01T00:00:00Z'))).certPem).toBe(first.certPem);
    expect((await loadOrCreateDevCertificate(dir, new Date('2027-11-10T00:00:00Z'))).certPem).not.toBe(first.certPem);
  });

  it('serves the service over HTTPS on it with --https in dev mode', async () => {
    const dir = await tempDir();
    const server = await startServer(configFrom({ port: 0, dataDir: dir, dev: true, devHttps: true }), { logger: captureLogs().logger });
    try {
      expect(server.url).toMatch(/^https:\/\/localhost:\d+$/);
      const ca = await readFile(join(dir, 'dev-tls', 'phi-guard-dev-ca.pem'), 'utf8');
      const body = await new Promise<string>((resolve, reject) =>
        get(`${server.url}/healthz`, { ca }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve(text));
        }).on('error', reject),
      );
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await server.close();
    }
  });

  it('is refused outside dev mode', async () => {
    const loaded = await loadConfig({ env: {}, cwd: '/srv', flags: { https: true } });
    expect(loaded).toEqual({ ok: false, problems: [expect.stringContaining('dev mode only')] });
  });
});
