import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as openpgp from 'openpgp';
import * as pkijs from 'pkijs';
import { x509 } from './x509.js';

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
  /** Signed by this CA instead of self-signed. */
  readonly issuer?: SmimeIssuer;
}

/** A certificate authority for S/MIME fixtures, as a public CA's root would be. */
export interface SmimeIssuer {
  readonly pem: string;
  readonly name: string;
  readonly privateKey: webcrypto.CryptoKey;
}

export async function smimeIssuer(name = 'CN=Test S/MIME CA'): Promise<SmimeIssuer> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHMS.ec, false, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    notBefore: FIXTURE_CREATED,
    notAfter: new Date('2030-01-01T00:00:00Z'),
    signingAlgorithm: ALGORITHMS.ec,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { pem: cert.toString('pem'), name, privateKey: keys.privateKey };
}

export interface SmimeFixture {
  readonly pem: string;
  readonly der: Uint8Array;
  /** Signs only (non-extractable), for signed-mail fixtures. */
  readonly privateKey: webcrypto.CryptoKey;
}

const ALGORITHMS = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  ed25519: { name: 'Ed25519' },
} as const;

/** An S/MIME certificate with the extensions an issuing CA would set: self-signed, or signed by `issuer`. */
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
  const common = {
    serialNumber: webcrypto.getRandomValues(new Uint8Array(8)).reduce((hex, b) => hex + (b & 0x7f).toString(16).padStart(2, '0'), ''),
    notBefore: options.notBefore ?? FIXTURE_CREATED,
    notAfter: options.notAfter ?? new Date('2028-01-01T00:00:00Z'),
    extensions,
  };
  const subject = options.subject ?? 'CN=Test Recipient';
  const cert = options.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject,
        issuer: options.issuer.name,
        publicKey: keys.publicKey,
        signingKey: options.issuer.privateKey,
        signingAlgorithm: ALGORITHMS.ec,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, signingAlgorithm, keys });
  return { pem: cert.toString('pem'), der: new Uint8Array(cert.rawData), privateKey: keys.privateKey };
}

export interface SignMailOptions {
  /** Content inside the signature (application/pkcs7-mime) instead of detached (multipart/signed). */
  readonly opaque?: boolean;
  /** Sign with this key instead of the certificate's own. */
  readonly privateKey?: webcrypto.CryptoKey;
}

/**
 * S/MIME signed mail as clients produce it (RFC 8551 §3.5): DER ContentInfo of SignedData over
 * `content`, SHA-256 with content-type and message-digest signed attributes, carrying `signer`'s certificate.
 */
export async function signMail(signer: SmimeFixture, content: Uint8Array, options: SignMailOptions = {}): Promise<Uint8Array> {
  const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });
  const certificate = pkijs.Certificate.fromBER(signer.der);
  const digest = await webcrypto.subtle.digest('SHA-256', content);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: pkijs.ContentInfo.DATA,
      ...(options.opaque ? { eContent: new asn1js.OctetString({ valueHex: content }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: pkijs.ContentInfo.DATA })] }),
            new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  });
  await signedData.sign(options.privateKey ?? signer.privateKey, 0, 'SHA-256', undefined, engine);
  const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(info.toSchema().toBER());
}

