// The XML manifest checked offline by Microsoft's own converter: office-addin-manifest-converter
// reads it as Outlook would and writes the unified manifest, which must pass the bundled schema.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convert } from 'office-addin-manifest-converter';
import type { UnifiedManifest } from './json.js';
import { testConfig } from './testing.js';
import { validateUnifiedManifest } from './validate-json.js';
import { outlookXmlManifest } from './xml.js';

const realFetch = globalThis.fetch;
const fetchCalls: string[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'phi-guard-manifest-'));
  globalThis.fetch = (async (input: string | URL | Request) => {
    fetchCalls.push(String(input));
    throw new Error('network is off in tests');
  }) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await rm(dir, { recursive: true, force: true });
  expect(fetchCalls).toEqual([]);
});

describe('XML manifest, converted offline', () => {
  it.each(['SoftBlock', 'Block'] as const)('converts (%s) to a unified manifest that passes the schema and keeps the on-send event', async (sendMode) => {
    const xml = join(dir, `manifest-${sendMode}.xml`);
    const out = join(dir, sendMode);
    await writeFile(xml, outlookXmlManifest(testConfig({ sendMode })));
    await convert(xml, out, false, undefined, undefined, false);
    const file = (await readdir(out)).find((f) => f.endsWith('.json'))!;
    const converted = JSON.parse(await readFile(join(out, file), 'utf8')) as UnifiedManifest;
    expect(await validateUnifiedManifest(converted)).toEqual([]);
    expect(JSON.stringify(converted)).toContain('onMessageSendHandler');
    expect(JSON.stringify(converted)).toContain(`"sendMode":"${sendMode.charAt(0).toLowerCase()}${sendMode.slice(1)}"`);
  });

  it('keeps WebApplicationInfo: the converted manifest has the same Office SSO app and passes the schema', async () => {
    const clientId = '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c';
    const xml = join(dir, 'manifest-sso.xml');
    const out = join(dir, 'sso');
    await writeFile(xml, outlookXmlManifest(testConfig({ microsoft: { clientId } })));
    await convert(xml, out, false, undefined, undefined, false);
    const file = (await readdir(out)).find((f) => f.endsWith('.json'))!;
    const converted = JSON.parse(await readFile(join(out, file), 'utf8')) as UnifiedManifest;
    expect(await validateUnifiedManifest(converted)).toEqual([]);
    expect(converted.webApplicationInfo).toEqual({ id: clientId, resource: `api://phiguard.cityclinic.example/${clientId}` });
  });
});
