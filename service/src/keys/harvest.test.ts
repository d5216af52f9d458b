import { beforeAll, describe, expect, it } from '@jest/globals';
import { verifySignedMail } from './harvest.js';
import { parseSmimeCertificate } from './smime.js';
import { FIXTURE_NOW, signMail, smimeFixture, smimeIssuer, type SmimeFixture, type SmimeIssuer } from './testing.js';

const CARL = 'carl@partner.example';
const MIME_ENTITY = Buffer.from('Content-Type: text/plain; charset=utf-8\r\n\r\nSee you Tuesday.\r\n');

let carl: SmimeFixture;
let carlRsa: SmimeFixture;
let other: SmimeFixture;
let expired: SmimeFixture;
let wrongEku: SmimeFixture;
let selfMade: SmimeFixture;
let ca: SmimeIssuer;
beforeAll(async () => {
  ca = await smimeIssuer();
  const issuer = ca;
  [carl, carlRsa, other, expired, wrongEku, selfMade] = await Promise.all([
    smimeFixture({ sanEmails: [CARL], issuer }),
    smimeFixture({ sanEmails: [CARL], algorithm: 'rsa', issuer }),
    smimeFixture({ sanEmails: ['mallory@elsewhere.example'], issuer }),
    smimeFixture({ sanEmails: [CARL], notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z'), issuer }),
    smimeFixture({ sanEmails: [CARL], extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'], issuer }),
    smimeFixture({ sanEmails: [CARL] }),
  ]);
});


/** `content` null: none sent. */
const verify = (signature: Uint8Array, content: Uint8Array | null = MIME_ENTITY, from = CARL, trustedRoots = [ca.pem]) =>
  verifySignedMail({ signature, ...(content ? { content } : {}), from, now: FIXTURE_NOW, trustedRoots });

describe('verifySignedMail', () => {
  it.each([
    { label: 'EC P-256', signer: () => carl },
    { label: 'RSA', signer: () => carlRsa },
  ])('a detached signature ($label) that verifies yields the signer certificate', async ({ signer }) => {
    const cert = await verify(await signMail(signer(), MIME_ENTITY));
    expect(cert.fingerprint).toBe(parseSmimeCertificate(signer().der, { now: FIXTURE_NOW }).fingerprint);
    expect(cert.addresses).toEqual([CARL]);
    expect(cert.usableForEncryption).toBe(true);
  });

  it('an opaque signed message carries its own content', async () => {
    const cert = await verify(await signMail(carl, MIME_ENTITY, { opaque: true }), null);
    expect(cert.addresses).toEqual([CARL]);
  });

  it('refuses a certificate that no trusted CA vouches for, such as a self-made one naming the sender', async () => {
    await expect(verify(await signMail(selfMade, MIME_ENTITY))).rejects.toMatchObject({ code: 'untrusted_issuer' });
    await expect(verify(await signMail(carl, MIME_ENTITY), MIME_ENTITY, CARL, [])).rejects.toMatchObject({ code: 'untrusted_issuer' });
  });

  it('matches the From address in any case', async () => {
    await expect(verify(await signMail(carl, MIME_ENTITY), MIME_ENTITY, 'Carl@Partner.EXAMPLE')).resolves.toMatchObject({ addresses: [CARL] });
  });

  it('accepts content whose CRLF line ends a host turned into LF (RFC 8551 canonical form)', async () => {
    const lf = Buffer.from(MIME_ENTITY.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    await expect(verify(await signMail(carl, MIME_ENTITY), lf)).resolves.toMatchObject({ addresses: [CARL] });
  });

  it.each([
    { label: 'content altered after signing', sign: () => signMail(carl, MIME_ENTITY), content: Buffer.from(MIME_ENTITY.toString().replace('Tuesday', 'Friday')) },
    { label: 'a detached signature without its content', sign: () => signMail(carl, MIME_ENTITY), content: null },
    // Someone else's certificate attached to a signature made with the poster's own key.
    { label: 'a certificate attached to a signature by another key', sign: () => signMail(carl, MIME_ENTITY, { privateKey: other.privateKey }), content: MIME_ENTITY },
  ])('refuses $label: signature_invalid', async ({ sign, content }) => {
    await expect(verify(await sign(), content)).rejects.toMatchObject({ code: 'signature_invalid' });
  });

  it('refuses a signer whose certificate names another address than From: signer_mismatch', async () => {
    await expect(verify(await signMail(other, MIME_ENTITY))).rejects.toMatchObject({ code: 'signer_mismatch' });
    await expect(verify(await signMail(carl, MIME_ENTITY), MIME_ENTITY, 'carla@partner.example')).rejects.toMatchObject({ code: 'signer_mismatch' });
  });

  it.each([
    { label: 'an expired certificate', signer: () => expired, code: 'expired', problems: ['expired'] },
    { label: 'a certificate without emailProtection', signer: () => wrongEku, code: 'not_usable', problems: ['extended_key_usage'] },
  ])('refuses $label even when the signature verifies: $code', async ({ signer, code, problems }) => {
    await expect(verify(await signMail(signer(), MIME_ENTITY))).rejects.toMatchObject({ code, problems });
  });

  it.each([
    { label: 'garbage', signature: () => Buffer.from('Patient Jane Roe, MRN 12345678') },
    { label: 'an empty signature', signature: () => new Uint8Array() },
    { label: 'a bare certificate', signature: () => carl.der },
  ])('refuses $label: unreadable, without quoting it', async ({ signature }) => {
    const error = await verify(signature()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable' });
    expect(String((error as Error).message)).not.toContain('Jane');
  });
});
