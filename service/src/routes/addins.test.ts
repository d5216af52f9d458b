import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, disposeTestApps, type TestApp } from '../http/testing.js';
import { apiScope, MS_CLIENT_ID_PLACEHOLDER, MS_SCOPE_PLACEHOLDER, SERVICE_URL_PLACEHOLDER } from './addins.js';

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

  it('serves the extraction worker and the OCR files as built, with a policy that lets Tesseract run WebAssembly, revalidated by ETag', async () => {
    const worker = '/* extraction worker */';
    await writeFile(join(dir, 'extract-worker.js'), worker);
    await mkdir(join(dir, 'ocr'), { recursive: true });
    const model = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    await writeFile(join(dir, 'ocr', 'eng.traineddata.gz'), model);

    const script = await request(t.app).get('/addin/outlook/extract-worker.js');
    expect(script.status).toBe(200);
    expect(script.type).toBe('text/javascript');
    expect(script.text).toBe(worker);
    expect(script.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const again = await request(t.app).get('/addin/outlook/extract-worker.js').set('If-None-Match', script.headers.etag!);
    expect(again.status).toBe(304);

    const lang = await request(t.app).get('/addin/outlook/ocr/eng.traineddata.gz').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(lang.status).toBe(200);
    expect(lang.type).toBe('application/gzip');
    // Sent as a file for tesseract.js to unzip, never re-encoded by the transport.
    expect(lang.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(lang.body as Buffer, model)).toBe(0);

    expect((await request(t.app).get('/addin/outlook/ocr/tesseract-core-simd-lstm.wasm.js')).status).toBe(404);
    expect((await request(t.app).get('/addin/outlook/ocr/package.json')).status).toBe(400);
  });

  it('says plainly when the add-in is not built, and serves nothing else from the folder', async () => {
    const empty = await createTestApp({ config: { outlookAddinDir: join(dir, 'not-built') } });
    const missing = await request(empty.app).get('/addin/outlook/launchevent.html');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toMatch(/addin_not_built$/);
    expect((await request(t.app).get('/addin/outlook/..%2F..%2Fpackage.json')).status).toBe(400);
  });

  it('writes in the nested app authentication settings when Microsoft sign-in is configured', async () => {
    await writeFile(join(dir, 'launchevent.html'), `${MS_CLIENT_ID_PLACEHOLDER} ${MS_SCOPE_PLACEHOLDER}`);
    const configured = await createTestApp({
      config: {
        outlookAddinDir: dir,
        auth: {
          microsoft: {
            audiences: ['4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c', 'api://phiguard.clinic.example.org/4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c'],
            tenants: ['7f3c2a10-5b1e-4c8d-9a6f-2e4b8d1c0a93'],
            addinClientId: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
          },
        },
      },
    });
    const res = await request(configured.app).get('/addin/outlook/launchevent.html');
    expect(res.text).toBe('6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0 api://phiguard.clinic.example.org/4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c/access_as_user');
    // Without them the add-in sees empty values and signs in with Office SSO.
    expect((await request(t.app).get('/addin/outlook/launchevent.html')).text).toBe(' ');
  });

  it('asks for api://<app id>/<scope> when the API has no ID URI', () => {
    expect(apiScope({ audiences: ['4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c'], scope: 'access_as_user' })).toBe('api://4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c/access_as_user');
  });

  it('serves the icons byte for byte', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await mkdir(join(dir, 'assets'), { recursive: true });
    await writeFile(join(dir, 'assets', 'icon-32.png'), png);
    const res = await request(t.app).get('/addin/outlook/assets/icon-32.png').buffer(true);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/png');
    expect(Buffer.from(res.body as Buffer).equals(png)).toBe(true);
    expect((await request(t.app).get('/addin/outlook/assets/other.png')).status).toBe(400);
  });

  it("sends visitors of the service's address to the task pane's demo", async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/addin/outlook/taskpane.html');
  });

  it('lets the JavaScript-only runtime call this service', async () => {
    const res = await request(t.app).get('/.well-known/microsoft-officeaddins-allowed.json');
    expect(res.body).toEqual({ allowed: ['http://portal.test', 'http://portal.test/addin/outlook/onsend.js'] });
  });
});
