import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, runGenerate } from './generate.js';
import { testConfig } from './testing.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'phiguard-manifest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runGenerate(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { status, out, err };
}

async function writeConfig(config: unknown): Promise<string> {
  const file = join(dir, 'addin.json');
  await writeFile(file, JSON.stringify(config));
  return file;
}

describe('manifest generator', () => {
  it('writes both manifests from the committed addin.json, in SoftBlock mode', async () => {
    const out = join(dir, 'dist');
    const result = await run('--out', out, '--service-url', 'https://phiguard.cityclinic.example');
    expect(result).toMatchObject({ status: EXIT.ok, err: '' });
    expect((await readdir(out)).sort()).toEqual(['manifest.json', 'manifest.xml']);
    const json = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(json.extensions[0].autoRunEvents[0].events[0].options).toEqual({ sendMode: 'softBlock' });
    expect(json.validDomains).toEqual(['https://phiguard.cityclinic.example']);
    expect(await readFile(join(out, 'manifest.xml'), 'utf8')).toContain('SendMode="SoftBlock"');
  });

  it('emits Block for admin deployment when asked on the command line', async () => {
    const config = await writeConfig(testConfig());
    expect((await run('--config', config, '--out', dir, '--send-mode', 'Block')).status).toBe(EXIT.ok);
    expect(await readFile(join(dir, 'manifest.xml'), 'utf8')).toContain('SendMode="Block"');
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).extensions[0].autoRunEvents[0].events[0].options).toEqual({
      sendMode: 'block',
    });
  });

  it("writes Office SSO (the add-in's Entra app) into both manifests when addin.json names it", async () => {
    const clientId = '4e1c9a2b-8d7f-4a3e-b6c5-1d2e3f4a5b6c';
    const result = await run('--config', await writeConfig({ ...testConfig(), microsoft: { clientId } }), '--out', dir);
    expect(result).toMatchObject({ status: EXIT.ok, err: '' });
    expect(result.out).toContain(`Office SSO app ${clientId}`);
    expect(await readFile(join(dir, 'manifest.xml'), 'utf8')).toContain(`<Resource>api://phiguard.cityclinic.example/${clientId}</Resource>`);
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).webApplicationInfo).toEqual({
      id: clientId,
      resource: `api://phiguard.cityclinic.example/${clientId}`,
    });
  });

  it('refuses a bad send mode, naming the option, and writes nothing', async () => {
    const config = await writeConfig(testConfig());
    const out = join(dir, 'dist');
    const result = await run('--config', config, '--out', out, '--send-mode', 'Hard');
    expect(result.status).toBe(EXIT.failed);
    expect(result.err).toMatch(/^--send-mode: sendMode: .*\(invalid_value\)\n$/);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('reports every problem in the config file with its field path', async () => {
    const config = await writeConfig({ ...testConfig(), serviceUrl: 'http://phiguard.cityclinic.example', version: '1' });
    const result = await run('--config', config, '--out', dir);
    expect(result.status).toBe(EXIT.failed);
    expect(result.err.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^${config}: version: .*\\(invalid_format\\)$`)),
      `${config}: serviceUrl: Outlook loads add-ins only over https. (invalid_url)`,
    ]);
  });

  it.each([
    ['a missing file', null, 'file not found'],
    ['a file that is not JSON', '{ "id": ', 'not valid JSON'],
  ])('fails with status 1 on %s', async (_case, content, message) => {
    const file = join(dir, 'addin.json');
    if (content !== null) await writeFile(file, content);
    expect(await run('--config', file, '--out', dir)).toMatchObject({ status: EXIT.failed, err: `${file}: ${message}\n` });
  });

  it.each([
    ['an unknown option', ['--sendmode', 'Block']],
    ['a stray argument', ['manifest.xml']],
    ['an option without its value', ['--out']],
  ])('fails with status 2 on %s', async (_case, argv) => {
    const result = await run(...argv);
    expect(result.status).toBe(EXIT.usage);
    expect(result.err).toContain('Usage:');
  });
});
