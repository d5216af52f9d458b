import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { x509 } from './x509.js';
import { parseSmimeCertificate } from './smime.js';
import { FIXTURE_NOW as now, smimeFixture, type SmimeFixture } from './testing.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

describe('parseSmimeCertificate', () => {
  const fixtures: Record<string, SmimeFixture> = {};
  beforeAll(async () => {
    const entries = await Promise.all(
      Object.entries({
        ec: smimeFixture({ sanEmails: ['Carol@Partner.example', 'carol.jones@partner.example'], subject: 'CN=Carol, E=other@partner.example' }),
        rsa: smimeFixture({ algorithm: 'rsa', sanEmails: ['dan@partner.example'] }),
        subjectOnly: smimeFixture({ sanEmails: [], subject: 'CN=Erin, E=Erin@Partner.example' }),
        noAddress: smimeFixture({ sanEmails: [], subject: 'CN=Nobody' }),
        expired: smimeFixture({ notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z') }),
        future: smimeFixture({ notBefore: new Date('2026-06-01T00:00:00Z') }),
        wrongEku: smimeFixture({ extendedKeyUsage: [SERVER_AUTH] }),
        anyEku: smimeFixture({ extendedKeyUsage: ['2.5.29.37.0'] }),
        noExtensions: smimeFixture({ extendedKeyUsage: null, keyUsage: null }),
        signingOnlyEc: smimeFixture({ keyUsage: x509.KeyUsageFlags.digitalSignature }),
        rsaWithKeyAgreement: smimeFixture({ algorithm: 'rsa', keyUsage: x509.KeyUsageFlags.keyAgreement }),
        ca: smimeFixture({ ca: true, keyUsage: x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.keyAgreement }),
        ed25519: smimeFixture({ algorithm: 'ed25519', keyUsage: x509.KeyUsageFlags.digitalSignature }),
      }).map(async ([name, fixture]) => [name, await fixture] as const),
    );
    Object.assign(fixtures, Object.fromEntries(entries));
  });
  const parse = (name: string, at = now) => parseSmimeCertificate(fixtures[name]!.pem, { now: at });

  it('reads a PEM certificate: SHA-256 fingerprint, subject, SAN addresses lower-cased, validity, usable', () => {
    const cert = parse('ec');
    expect(cert).toMatchObject({
      keyType: 'smime',
      fingerprint: createHash('sha256').update(fixtures.ec!.der).digest('hex').toUpperCase(),
      subject: 'CN=Carol, E=other@partner.example',
      addresses: ['carol@partner.example', 'carol.jones@partner.example'],
      algorithm: 'ECDSA',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2028-01-01T00:00:00.000Z',
      usableForEncryption: true,
      problems: [],
    });
    expect(cert.pem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('reads DER, as bytes or base64, to the same certificate', () => {
    const fromPem = parse('rsa');
    expect(parseSmimeCertificate(fixtures.rsa!.der, { now }).fingerprint).toBe(fromPem.fingerprint);
    expect(parseSmimeCertificate(Buffer.from(fixtures.rsa!.der).toString('base64'), { now }).fingerprint).toBe(fromPem.fingerprint);
  });

  it('an RSA certificate needs keyEncipherment, an EC one keyAgreement', () => {
    expect(parse('rsa')).toMatchObject({ usableForEncryption: true, algorithm: 'RSASSA-PKCS1-v1_5' });
    expect(parse('rsaWithKeyAgreement')).toMatchObject({ usableForEncryption: false, problems: ['key_usage'] });
    expect(parse('signingOnlyEc')).toMatchObject({ usableForEncryption: false, problems: ['key_usage'] });
  });

  it('the subject emailAddress is used only when there is no rfc822Name', () => {
    expect(parse('subjectOnly').addresses).toEqual(['erin@partner.example']);
    expect(parse('ec').addresses).not.toContain('other@partner.example');
    expect(parse('noAddress').addresses).toEqual([]);
  });

  it.each([
    { name: 'expired', problems: ['expired'] },
    { name: 'future', problems: ['not_yet_valid'] },
    { name: 'wrongEku', problems: ['extended_key_usage'] },
    { name: 'ca', problems: ['ca_certificate'] },
    { name: 'ed25519', problems: ['unsupported_algorithm'] },
  ])('the $name certificate is not usable: $problems', ({ name, problems }) => {
    expect(parse(name)).toMatchObject({ usableForEncryption: false, problems });
  });

  it('anyExtendedKeyUsage, or no key usage extensions at all, does not restrict (RFC 8550 §4.4)', () => {
    expect(parse('anyEku').usableForEncryption).toBe(true);
    expect(parse('noExtensions').usableForEncryption).toBe(true);
  });

  it('validity is judged at `now`', () => {
    expect(parse('expired', new Date('2024-06-01T00:00:00Z')).usableForEncryption).toBe(true);
  });

  it.each([
    { label: 'a PEM private key', input: () => '-----BEGIN PRIVATE KEY-----\nMIIBVQ==\n-----END PRIVATE KEY-----\n', code: 'private_key_refused' },
    { label: 'a certificate with its private key', input: () => `${fixtures.ec!.pem}\n-----BEGIN EC PRIVATE KEY-----\nMHc=\n-----END EC PRIVATE KEY-----\n`, code: 'private_key_refused' },
    { label: 'a certificate request', input: () => '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', code: 'not_a_public_key' },
    { label: 'two certificates', input: () => `${fixtures.ec!.pem}\n${fixtures.rsa!.pem}`, code: 'multiple_keys' },
    { label: 'an OpenPGP key', input: () => '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEaQ==\n-----END PGP PUBLIC KEY BLOCK-----\n', code: 'not_a_public_key' },
    { label: 'plain text', input: () => 'hello, this is not a certificate', code: 'unreadable' },
    { label: 'a truncated certificate', input: () => fixtures.ec!.der.subarray(0, 100), code: 'unreadable' },
  ])('$label is refused ($code)', ({ input, code }) => {
    expect(() => parseSmimeCertificate(input(), { now })).toThrow(expect.objectContaining({ name: 'KeyError', code }));
  });
});
