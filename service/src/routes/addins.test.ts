import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, disposeTestApps, type TestApp } from '../http/testing.js';
import { SERVICE_URL_PLACEHOLDER } from './addins.js';

describe('Outlook add-in files', () => {
  let dir: string;
  let t: TestApp;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'phi-guard-addin-'));
    await writeFile(join(dir, 'onsend.js'), `const base = '${SERVICE_URL_PLACEHOLDER}';`);
    t = await createTestApp({ config: { outlookAddinDir: dir } });
  });
  afterAll(async () => {
    await disposeTestApps();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the on-send script with this service address written in, framable by Outlook, loading Office.js from its CDN', async () => {
    const res = await request(t.app).get('/addin/outlook/onsend.js');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/javascript');
    expect(res.text).toBe("const base = 'http://portal.test';");
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain('script-src \'self\' https://appsforoffice.microsoft.com');
    expect(res.headers['content-security-policy']).toContain('frame-ancestors https://*.office.com');
  });

  it('says plainly when the add-in is not built, and serves nothing else from the folder', async () => {
    const missing = await request(t.app).get('/addin/outlook/launchevent.html');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toMatch(/addin_not_built$/);
    expect((await request(t.app).get('/addin/outlook/..%2F..%2Fpackage.json')).status).toBe(400);
  });

  it('lets the JavaScript-only runtime call this service', async () => {
    const res = await request(t.app).get('/.well-known/microsoft-officeaddins-allowed.json');
    expect(res.body).toEqual({ allowed: ['http://portal.test'] });
  });
});
