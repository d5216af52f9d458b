// OCR of image attachments end to end: synthetic PHI typeset by Debian's Chromium, read by the Node
// engine, then scanned by the core as an attachment's text, as the hosts will do.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scan, type Kind } from '@phiguard/core';
import { hasChromium, INSURANCE_CARD, launchChromium, renderTextImage, type RenderOptions } from '../testing/render-text.js';
import { createNodeOcr, type NodeOcr } from './node-ocr.js';

const NOTICE = ['Team lunch on Friday', 'Room 4B at noon', 'Bring a dish to share'];

/** What the core finds in OCR text handed over as the image attachment's text: kind → matched text. */
function findingsIn(text: string, name = 'card.png'): { phi: boolean; found: Array<[Kind, string]> } {
  const result = scan({ subject: '', body: '', attachments: [{ name, contentType: 'image/png', text }] });
  // PHOTO is the image itself (its name and type), not anything OCR read.
  const found = result.findings.filter((f) => f.end > f.start).map((f): [Kind, string] => [f.kind, text.slice(f.start, f.end)]);
  return { phi: result.phi, found };
}

describe('createNodeOcr configuration', () => {
  it.each([
    ['a CDN URL, which tesseract.js would download from', 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/eng/4.0.0_best_int'],
    ['a relative path, which would depend on the working directory', 'node_modules/@tesseract.js-data/eng/4.0.0_best_int'],
    ['a folder without eng.traineddata', __dirname],
  ])('refuses a language path that is %s', async (_, langPath) => {
    await expect(createNodeOcr({ langPath })).rejects.toMatchObject({ name: 'OcrError', code: 'ocr_unavailable' });
  });
});

(hasChromium ? describe : describe.skip)(`OCR of image attachments${hasChromium ? '' : ' (skipped: install Debian chromium)'}`, () => {
  let ocr: NodeOcr;
  const images = new Map<string, Uint8Array>();
  const fixtures: Record<string, { lines: readonly string[]; options: RenderOptions }> = {
    card: { lines: INSURANCE_CARD, options: {} },
    notice: { lines: NOTICE, options: {} },
    sideways: { lines: INSURANCE_CARD, options: { rotate: 90, photo: true, format: 'jpeg' } },
    sidewaysLeft: { lines: INSURANCE_CARD, options: { rotate: 270, photo: true, format: 'jpeg' } },
    upsideDown: { lines: INSURANCE_CARD, options: { rotate: 180 } },
    faint: { lines: INSURANCE_CARD, options: { lowContrast: true } },
  };

  beforeAll(async () => {
    const browser = await launchChromium();
    try {
      for (const [name, { lines, options }] of Object.entries(fixtures)) images.set(name, await renderTextImage(lines, { ...options, browser }));
    } finally {
      await browser.close();
    }
    ocr = await createNodeOcr();
  }, 60_000);

  afterAll(async () => {
    await ocr?.terminate();
  });

  it('reads an insurance card image, and the scan finds its SSN, name and date of birth', async () => {
    const { phi, found } = findingsIn(await ocr.recognize(images.get('card')!, 'image/png'));
    expect(phi).toBe(true);
    expect(found).toEqual(
      expect.arrayContaining([
        ['SSN', '531-72-0846'],
        ['NAME', 'Maria Gonzalez'],
        ['DATE', '03/14/1961'],
        ['HEALTH_PLAN_ID', 'XJH449201887'],
        ['CONDITION', 'type 2 diabetes'],
      ]),
    );
  });

  it('an image of text without PHI stays clean', async () => {
    const text = await ocr.recognize(images.get('notice')!, 'image/png');
    expect(text).toContain('Team lunch on Friday');
    expect(findingsIn(text, 'notice.png')).toEqual({ phi: false, found: [] });
  });

  it.each([
    ['a JPEG phone photo taken sideways (90° clockwise, tilted 2°, uneven light, noise)', 'sideways'],
    ['a JPEG phone photo taken sideways the other way (90° anticlockwise)', 'sidewaysLeft'],
    ['a PNG page scanned upside down', 'upsideDown'],
    ['a faint low-contrast scan', 'faint'],
  ])('%s still gives the SSN', async (_, name) => {
    const { found } = findingsIn(await ocr.recognize(images.get(name)!, 'image/png'));
    expect(found).toContainEqual(['SSN', '531-72-0846']);
  });

  it('a corrupt image is refused as malformed, and the engine goes on reading the next one', async () => {
    const card = images.get('card')!;
    await expect(ocr.recognize(card.subarray(0, 200), 'image/png')).rejects.toMatchObject({ code: 'malformed' });
    expect(await ocr.recognize(card, 'image/png')).toContain('531-72-0846');
  });

  it('a recognition past the time limit is refused as timeout', async () => {
    const hasty = await createNodeOcr({ timeoutMs: 1 });
    try {
      await expect(hasty.recognize(images.get('card')!, 'image/png')).rejects.toMatchObject({ code: 'timeout' });
    } finally {
      await hasty.terminate();
    }
  });

  it('with two workers, images sent together are each read', async () => {
    const pair = await createNodeOcr({ workers: 2 });
    try {
      const [card, notice] = await Promise.all([pair.recognize(images.get('card')!, 'image/png'), pair.recognize(images.get('notice')!, 'image/png')]);
      expect(card).toContain('531-72-0846');
      expect(notice).toContain('Team lunch');
    } finally {
      await pair.terminate();
    }
  }, 30_000);

  describe('network', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'phiguard-ocr-net-'));
      await writeFile(join(dir, 'guard.cjs'), GUARD);
      await writeFile(join(dir, 'child.mjs'), CHILD);
      await writeFile(join(dir, 'card.png'), images.get('card')!);
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** Runs child.mjs in a fresh Node whose every thread has fetch, sockets and DNS replaced by recorders that throw. */
    async function guarded(mode: 'ocr' | 'control'): Promise<{ stdout: string; attempts: string }> {
      const log = join(dir, `${mode}.log`);
      await writeFile(log, '');
      const child = spawn(process.execPath, ['--require', join(dir, 'guard.cjs'), join(dir, 'child.mjs'), mode], {
        timeout: 20_000,
        env: {
          ...process.env,
          PHIGUARD_NET_LOG: log,
          PHIGUARD_IMAGE: join(dir, 'card.png'),
          PHIGUARD_NODE_OCR: pathToFileURL(join(__dirname, 'node-ocr.ts')).href,
          PHIGUARD_TESSERACT: pathToFileURL(require.resolve('tesseract.js')).href,
          // The ESM build: Jest's require.resolve picks the CommonJS one, which an ESM import cannot load.
          PHIGUARD_TSX: pathToFileURL(join(dirname(require.resolve('tsx/esm/api')), 'index.mjs')).href,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      if (code !== 0) throw new Error(`child exited ${code ?? 'on timeout'}: ${stderr}`);
      return { stdout, attempts: await readFile(log, 'utf8') };
    }

    it('the guard catches a download that tesseract.js starts in its worker thread (control)', async () => {
      const { attempts } = await guarded('control');
      expect(attempts).toMatch(/^thread [1-9]\d*: fetch http:\/\/127\.0\.0\.1:9\/eng\.traineddata\.gz$/m);
    }, 30_000);

    it('reading an image fetches nothing: worker script, wasm core and language data are local', async () => {
      const { stdout, attempts } = await guarded('ocr');
      expect(stdout).toContain('531-72-0846');
      expect(attempts).toBe('');
    }, 30_000);
  });
});

/** Preloaded into the child's main thread and, through inherited execArgv, into every worker thread. */
const GUARD = `
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const { threadId } = require('node:worker_threads');
const record = (what) => {
  fs.appendFileSync(process.env.PHIGUARD_NET_LOG, 'thread ' + threadId + ': ' + what + '\\n');
  return new Error('network disabled by test');
};
globalThis.fetch = async (input) => { throw record('fetch ' + String(input)); };
const connect = net.Socket.prototype.connect;
// Unix sockets stay open (tsx looks for its CLI's pipe); anything with a host or port is network.
net.Socket.prototype.connect = function (...args) {
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof o === 'string' || (typeof o === 'object' && o !== null && typeof o.path === 'string')) return connect.apply(this, args);
  throw record('socket connect ' + JSON.stringify(args[0]));
};
dns.lookup = (host) => { throw record('dns ' + host); };
dns.promises.lookup = async (host) => { throw record('dns ' + host); };
`;

/**
 * Plain JavaScript, with node-ocr.ts loaded through tsx's API rather than \`--import tsx\`: worker
 * threads then start without loader hooks, as in production (a child started with them hung under load).
 */
const CHILD = `
import { readFileSync } from 'node:fs';
const mode = process.argv[2];
if (mode === 'control') {
  // tesseract.js's own download path, which createNodeOcr never takes: a URL langPath.
  const { default: Tesseract } = await import(process.env.PHIGUARD_TESSERACT);
  // A failed language download leaves createWorker pending for ever (tesseract.js 7), so wait for the record instead.
  void Tesseract.createWorker('eng', 1, { langPath: 'http://127.0.0.1:9', cacheMethod: 'none', errorHandler: () => {} });
  for (let i = 0; i < 200 && readFileSync(process.env.PHIGUARD_NET_LOG, 'utf8') === ''; i++) await new Promise((r) => setTimeout(r, 50));
  process.exit(0);
}
const { tsImport } = await import(process.env.PHIGUARD_TSX);
const { createNodeOcr } = await tsImport(process.env.PHIGUARD_NODE_OCR, import.meta.url);
const ocr = await createNodeOcr();
process.stdout.write(await ocr.recognize(readFileSync(process.env.PHIGUARD_IMAGE), 'image/png'));
await ocr.terminate();
`;
