import { describe, expect, it } from '@jest/globals';
import * as openpgp from 'openpgp';
import { encryptText } from './encrypt.js';

const TEXT = 'Maria Gonzalez (SSN 531-72-0846) has type 2 diabetes; continue metformin 500 mg.\nSee you Tuesday — Anil';

async function keyPair(email: string) {
  const { publicKey, privateKey } = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email }], format: 'armored' });
  return { publicKey, privateKey: await openpgp.readPrivateKey({ armoredKey: privateKey }) };
}

async function decryptWith(armoredMessage: string, privateKey: openpgp.PrivateKey): Promise<string> {
  const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage }), decryptionKeys: privateKey });
  return data as string;
}

describe('encryptText', () => {
  it('gives one armored message that every recipient decrypts to the original text, and no one else', async () => {
    const [patel, nurse, outsider] = await Promise.all([keyPair('dr.patel@elsewhere.example'), keyPair('nurse@cityclinic.example'), keyPair('someone@else.example')]);
    const armored = await encryptText(TEXT, [patel.publicKey, nurse.publicKey]);
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----\n[\s\S]+\n-----END PGP MESSAGE-----\n$/);
    expect(armored).not.toContain('Gonzalez');
    expect(await decryptWith(armored, patel.privateKey)).toBe(TEXT);
    expect(await decryptWith(armored, nurse.privateKey)).toBe(TEXT);
    await expect(decryptWith(armored, outsider.privateKey)).rejects.toThrow();
  });

  it('refuses what is not a key, rather than sending the text unencrypted', async () => {
    await expect(encryptText(TEXT, ['not a key'])).rejects.toThrow();
  });
});

describe('hiding recipients', () => {
  it('leaves the key ids out when asked, and every recipient can still decrypt', async () => {
    const keys = await Promise.all(['a@x.example', 'b@y.example'].map(keyPair));
    const armored = await encryptText(TEXT, keys.map((k) => k.publicKey), { hideRecipients: true });
    const message = await openpgp.readMessage({ armoredMessage: armored });
    expect(message.getEncryptionKeyIDs().map((id) => id.toHex())).toEqual(['0000000000000000', '0000000000000000']);
    for (const key of keys) expect(await decryptWith(armored, key.privateKey)).toBe(TEXT);
  });
});
