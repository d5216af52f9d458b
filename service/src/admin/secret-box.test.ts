import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY_FILE, createSecretBox, loadOrCreateSecretBox } from './secret-box.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('the admin secret box', () => {
  it('opens what it sealed, for the same context only', () => {
    const box = createSecretBox('k1', randomBytes(32));
    const sealed = box.seal(SECRET, 'alice');
    expect(sealed).not.toContain(SECRET);
    expect(box.open(sealed, 'alice')).toBe(SECRET);
    expect(() => box.open(sealed, 'mallory')).toThrow(expect.objectContaining({ code: 'sealed_invalid' }));
  });

  it('seals the same secret differently each time (fresh nonce)', () => {
    const box = createSecretBox('k1', randomBytes(32));
    expect(box.seal(SECRET, 'alice')).not.toBe(box.seal(SECRET, 'alice'));
  });

  it.each([
    ['a flipped nonce byte', (s: string) => s.replace(/\.([A-Za-z0-9_-])/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`)],
    ['a cut tag', (s: string) => s.slice(0, -4)],
    ['another key id', (s: string) => `k2${s.slice(2)}`],
    ['not sealed at all', () => SECRET],
  ])('refuses %s', (_label, alter) => {
    const box = createSecretBox('k1', randomBytes(32));
    expect(() => box.open(alter(box.seal(SECRET, 'alice')), 'alice')).toThrow(expect.objectContaining({ code: 'sealed_invalid' }));
  });

  it('refuses what another key sealed under the same id', () => {
    const sealed = createSecretBox('k1', randomBytes(32)).seal(SECRET, 'alice');
    expect(() => createSecretBox('k1', randomBytes(32)).open(sealed, 'alice')).toThrow(expect.objectContaining({ code: 'sealed_invalid' }));
  });

  it('creates its key file once, owner-only, and finds the same key again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-admin-key-'));
    const [first, second] = await Promise.all([loadOrCreateSecretBox(dir), loadOrCreateSecretBox(dir)]);
    const sealed = first.seal(SECRET, 'alice');
    expect(second.open(sealed, 'alice')).toBe(SECRET);
    expect((await loadOrCreateSecretBox(dir)).open(sealed, 'alice')).toBe(SECRET);
    expect((await stat(join(dir, ADMIN_KEY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file it did not write, without quoting it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phi-guard-admin-key-'));
    await writeFile(join(dir, ADMIN_KEY_FILE), '{"kid":"k1","k":"short-secret-value"}');
    const error = await loadOrCreateSecretBox(dir).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'admin_key_invalid' });
    expect(error?.message).not.toContain('short-secret-value');
    expect(await readFile(join(dir, ADMIN_KEY_FILE), 'utf8')).toContain('short-secret-value');
  });
});
