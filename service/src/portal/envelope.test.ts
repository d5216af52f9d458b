import { describe, expect, it } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { openWithDek, seal, sealWithDek, unwrapDek } from './envelope.js';
import { loadOrCreatePortalKeyring } from './keyring.js';

const newKeyring = async () => loadOrCreatePortalKeyring(await mkdtemp(join(tmpdir(), 'phi-guard-envelope-')));
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

/** Flips one character of a compact JWE segment (0 header … 4 tag). */
function tamper(jwe: string, segment: number): string {
  const parts = jwe.split('.');
  const part = parts[segment]!;
  parts[segment] = `${part.slice(0, 5)}${part[5] === 'A' ? 'B' : 'A'}${part.slice(6)}`;
  return parts.join('.');
}

describe('portal envelope', () => {
  it('seals content under a fresh DEK (dir, A256GCM) wrapped under the active KEK (A256KW, kid), and opens it again', async () => {
    const keyring = await newKeyring();
    const sealed = await seal(bytes('Lab results for Maria Lopez'), keyring);
    expect(sealed.kid).toBe(keyring.activeKid);
    expect(decodeProtectedHeader(sealed.jwe)).toEqual({ alg: 'dir', enc: 'A256GCM' });
    expect(decodeProtectedHeader(sealed.dekWrapped)).toEqual({ alg: 'A256KW', enc: 'A256GCM', kid: keyring.activeKid });
    expect(sealed.jwe).not.toContain('Maria');
    const dek = await unwrapDek(sealed.dekWrapped, keyring);
    expect(text(await openWithDek(sealed.jwe, dek))).toBe('Lab results for Maria Lopez');
  });

  it('each message gets its own DEK', async () => {
    const keyring = await newKeyring();
    const a = await seal(bytes('a'), keyring);
    const b = await seal(bytes('a'), keyring);
    const dekA = await unwrapDek(a.dekWrapped, keyring);
    expect(Buffer.from(dekA)).not.toEqual(Buffer.from(await unwrapDek(b.dekWrapped, keyring)));
    await expect(openWithDek(b.jwe, dekA)).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' });
  });

  it('replies sealed with the message DEK open with it', async () => {
    const keyring = await newKeyring();
    const dek = await unwrapDek((await seal(bytes('message'), keyring)).dekWrapped, keyring);
    expect(text(await openWithDek(await sealWithDek(bytes('Thanks, see you Monday'), dek), dek))).toBe('Thanks, see you Monday');
  });

  it.each([
    ['ciphertext', 3],
    ['authentication tag', 4],
    ['protected header', 0],
  ])('altered content (%s) does not open', async (_part, segment) => {
    const keyring = await newKeyring();
    const sealed = await seal(bytes('Lab results for Maria Lopez'), keyring);
    const dek = await unwrapDek(sealed.dekWrapped, keyring);
    await expect(openWithDek(tamper(sealed.jwe, segment), dek)).rejects.toHaveProperty('code', expect.stringMatching(/^ERR_JWE_/));
  });

  it('a wrapped DEK whose header names another kid does not unwrap (the header is authenticated)', async () => {
    const keyring = await newKeyring();
    const sealed = await seal(bytes('x'), keyring);
    const other = await keyring.rotate();
    const [, ...rest] = sealed.dekWrapped.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'A256KW', enc: 'A256GCM', kid: other })).toString('base64url');
    await expect(unwrapDek([header, ...rest].join('.'), keyring)).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' });
    await expect(unwrapDek(tamper(sealed.dekWrapped, 1), keyring)).rejects.toHaveProperty('code', expect.stringMatching(/^ERR_JWE_/));
  });

  it('only the expected algorithms are accepted', async () => {
    const keyring = await newKeyring();
    const sealed = await seal(bytes('x'), keyring);
    // A DEK-wrap JWE offered as content, and content offered as a wrapped DEK.
    await expect(openWithDek(sealed.dekWrapped, keyring.kek(sealed.kid))).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
    await expect(unwrapDek(sealed.jwe, keyring)).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
  });

  it('after a rotation, old messages still open and new ones use the new kid', async () => {
    const keyring = await newKeyring();
    const before = await seal(bytes('sealed before'), keyring);
    const kid = await keyring.rotate();
    const after = await seal(bytes('sealed after'), keyring);
    expect(before.kid).not.toBe(kid);
    expect(after.kid).toBe(kid);
    expect(decodeProtectedHeader(after.dekWrapped).kid).toBe(kid);
    expect(text(await openWithDek(before.jwe, await unwrapDek(before.dekWrapped, keyring)))).toBe('sealed before');
    expect(text(await openWithDek(after.jwe, await unwrapDek(after.dekWrapped, keyring)))).toBe('sealed after');
  });

  it('a DEK wrapped under a key this keyring lacks is unknown_key', async () => {
    const sealed = await seal(bytes('x'), await newKeyring());
    await expect(unwrapDek(sealed.dekWrapped, await newKeyring())).rejects.toMatchObject({ name: 'PortalError', code: 'unknown_key' });
  });
});
