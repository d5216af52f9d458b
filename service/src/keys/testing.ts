import { webcrypto } from 'node:crypto';
import { x509 } from './x509.js';
import * as openpgp from 'openpgp';

/** When fixtures are created unless told otherwise, and a `now` inside their default validity. */
export const FIXTURE_CREATED = new Date('2026-01-01T00:00:00Z');
export const FIXTURE_NOW = new Date('2026-03-01T12:00:00Z');

/** A generated OpenPGP key pair (curve25519: fast) in the forms uploads and WKD use. */
export interface OpenPgpFixture {
  readonly armored: string;
  readonly binary: Uint8Array;
  readonly privateArmored: string;
  readonly fingerprint: string;
}

export async function openPgpFixture(
  emails: readonly string[],
  options: { date?: Date; keyExpirationTime?: number; signOnly?: boolean; revoked?: boolean } = {},
): Promise<OpenPgpFixture> {
  const { publicKey, privateKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: emails.map((email) => ({ name: 'Test Recipient', email })),
    format: 'object',
    date: options.date ?? FIXTURE_CREATED,
    ...(options.keyExpirationTime ? { keyExpirationTime: options.keyExpirationTime } : {}),
    ...(options.signOnly ? { subkeys: [] } : {}),
  });
  const key = options.revoked ? (await openpgp.revokeKey({ key: privateKey, format: 'object', date: FIXTURE_NOW })).publicKey : publicKey;
  return { armored: key.armor(), binary: key.write(), privateArmored: privateKey.armor(), fingerprint: key.getFingerprint().toUpperCase() };
}

/** Several keys in one binary key ring, as a WKD server may serve them. */
export function keyRing(...keys: readonly OpenPgpFixture[]): Buffer {
  return Buffer.concat(keys.map((key) => key.binary));
}

export interface SmimeFixtureOptions {
  readonly sanEmails?: readonly string[];
  readonly subject?: string;
  readonly algorithm?: 'rsa' | 'ec' | 'ed25519';
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Extended key usage OIDs; none for no extension. Default: emailProtection. */
  readonly extendedKeyUsage?: readonly string[] | null;
  /** Key usage flags; null for no extension. Default: what the algorithm needs for encryption. */
  readonly keyUsage?: number | null;
  readonly ca?: boolean;
}

export interface SmimeFixture {
  readonly pem: string;
  readonly der: Uint8Array;
}

const ALGORITHMS = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  ed25519: { name: 'Ed25519' },
} as const;

/** A self-signed S/MIME certificate with the extensions an issuing CA would set (chains are not checked). */
export async function smimeFixture(options: SmimeFixtureOptions = {}): Promise<SmimeFixture> {
  const algorithm = options.algorithm ?? 'ec';
  const signingAlgorithm = ALGORITHMS[algorithm];
  const keys = (await webcrypto.subtle.generateKey(signingAlgorithm, false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const keyUsage =
    options.keyUsage === undefined
      ? x509.KeyUsageFlags.digitalSignature | (algorithm === 'rsa' ? x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.keyAgreement)
      : options.keyUsage;
  const extendedKeyUsage = options.extendedKeyUsage === undefined ? [x509.ExtendedKeyUsage.emailProtection] : options.extendedKeyUsage;
  const sanEmails = options.sanEmails ?? ['recipient@partner.example'];
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true)];
  if (keyUsage !== null) extensions.push(new x509.KeyUsagesExtension(keyUsage, true));
  if (extendedKeyUsage !== null) extensions.push(new x509.ExtendedKeyUsageExtension([...extendedKeyUsage]));
  if (sanEmails.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sanEmails.map((value) => ({ type: 'email' as const, value }))));
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: webcrypto.getRandomValues(new Uint8Array(8)).reduce((hex, b) => hex + (b & 0x7f).toString(16).padStart(2, '0'), ''),
      name: options.subject ?? 'CN=Test Recipient',
      notBefore: options.notBefore ?? FIXTURE_CREATED,
      notAfter: options.notAfter ?? new Date('2028-01-01T00:00:00Z'),
      signingAlgorithm,
      keys,
      extensions,
    },
  );
  return { pem: cert.toString('pem'), der: new Uint8Array(cert.rawData) };
}

