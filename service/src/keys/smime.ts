import { createHash } from 'node:crypto';
import { x509 } from './x509.js';
import { KeyError } from './errors.js';
import type { KeyProblem } from './parsed-key.js';

/** An S/MIME certificate as plain data; `pem` is what the registry stores. Chains are not validated here. */
export interface ParsedSmimeCertificate {
  readonly keyType: 'smime';
  /** SHA-256 of the DER certificate, upper-case hex. */
  readonly fingerprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  /** rfc822Name subject alternative names, else the subject's emailAddress; lower-cased. */
  readonly addresses: readonly string[];
  /** Public key algorithm as WebCrypto names it, e.g. `RSASSA-PKCS1-v1_5`, `ECDSA`. */
  readonly algorithm: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Valid at `now`, an end-entity certificate, and its key usages allow encrypting mail to it. */
  readonly usableForEncryption: boolean;
  readonly problems: readonly KeyProblem[];
  readonly pem: string;
}

export const EMAIL_PROTECTION_OID = '1.3.6.1.5.5.7.3.4';
const ANY_EXTENDED_KEY_USAGE_OID = '2.5.29.37.0';
const EMAIL_ADDRESS_OID = '1.2.840.113549.1.9.1';
const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** One certificate, PEM or DER (bytes or base64). KeyError for anything else, including several certificates. */
export function parseSmimeCertificate(input: string | Uint8Array, options: { now: Date }): ParsedSmimeCertificate {
  const cert = readCertificate(input);
  return describe(cert, options.now);
}

function readCertificate(input: string | Uint8Array): x509.X509Certificate {
  const text = typeof input === 'string' ? input : pemText(input);
  if (text !== undefined && text.includes('-----BEGIN')) return fromPem(text);
  if (text !== undefined && !BASE64.test(text)) throw new KeyError('unreadable', 'not a PEM or DER certificate');
  const der = text === undefined ? input : Buffer.from(text, 'base64');
  return parseDer(new Uint8Array(der as Uint8Array));
}

function pemText(bytes: Uint8Array): string | undefined {
  return Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart().startsWith('-----BEGIN')
    ? Buffer.from(bytes).toString('utf8')
    : undefined;
}

function fromPem(text: string): x509.X509Certificate {
  const labels = [...text.matchAll(PEM_LABEL)].map((match) => match[1]!);
  if (labels.some((label) => label.includes('PRIVATE KEY'))) {
    throw new KeyError('private_key_refused', 'a private key was given; only certificates are accepted');
  }
  const certificates = labels.filter((label) => label === 'CERTIFICATE');
  if (certificates.length === 0) throw new KeyError('not_a_public_key', 'the PEM block is not a certificate');
  if (labels.length > 1) throw new KeyError('multiple_keys', 'more than one PEM block was given; upload the recipient certificate alone');
  let der: ArrayBuffer;
  try {
    [der] = x509.PemConverter.decode(text) as [ArrayBuffer];
  } catch (error) {
    throw new KeyError('unreadable', 'not a readable PEM certificate', [], { cause: error });
  }
  return parseDer(new Uint8Array(der));
}

function parseDer(der: Uint8Array): x509.X509Certificate {
  try {
    return new x509.X509Certificate(der);
  } catch (error) {
    throw new KeyError('unreadable', 'not a readable X.509 certificate', [], { cause: error });
  }
}

function describe(cert: x509.X509Certificate, now: Date): ParsedSmimeCertificate {
  const algorithm = cert.publicKey.algorithm.name;
  const problems = certificateProblems(cert, algorithm, now);
  return {
    keyType: 'smime',
    fingerprint: createHash('sha256').update(new Uint8Array(cert.rawData)).digest('hex').toUpperCase(),
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    addresses: addressesOf(cert),
    algorithm,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    usableForEncryption: problems.length === 0,
    problems,
    pem: cert.toString('pem'),
  };
}

/** RFC 8550 §4.4: validity, key usage matching the key type, extended key usage, end entity. */
function certificateProblems(cert: x509.X509Certificate, algorithm: string, now: Date): KeyProblem[] {
  const problems: KeyProblem[] = [];
  if (now < cert.notBefore) problems.push('not_yet_valid');
  if (now > cert.notAfter) problems.push('expired');
  if (cert.getExtension(x509.BasicConstraintsExtension)?.ca) problems.push('ca_certificate');

  const needed = requiredKeyUsage(algorithm);
  if (needed === undefined) problems.push('unsupported_algorithm');
  const keyUsage = cert.getExtension(x509.KeyUsagesExtension);
  if (needed !== undefined && keyUsage && (keyUsage.usages & needed) === 0) problems.push('key_usage');

  // RFC 8550 §4.4.4: when present, it must contain emailProtection or anyExtendedKeyUsage.
  const extendedKeyUsage = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const purposes = extendedKeyUsage?.usages.map(String);
  if (purposes && !purposes.includes(EMAIL_PROTECTION_OID) && !purposes.includes(ANY_EXTENDED_KEY_USAGE_OID)) {
    problems.push('extended_key_usage');
  }
  return problems;
}

/** RSA keys encrypt the content key (keyEncipherment); EC and X25519/X448 keys agree on one (keyAgreement). */
function requiredKeyUsage(algorithm: string): x509.KeyUsageFlags | undefined {
  if (algorithm.startsWith('RSA')) return x509.KeyUsageFlags.keyEncipherment;
  if (['ECDSA', 'ECDH', 'X25519', 'X448'].includes(algorithm)) return x509.KeyUsageFlags.keyAgreement;
  return undefined;
}

function addressesOf(cert: x509.X509Certificate): string[] {
  const sans = cert.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
  const emails = sans.filter((name) => name.type === 'email').map((name) => name.value);
  const fromSubject = emails.length === 0 ? cert.subjectName.getField(EMAIL_ADDRESS_OID) : [];
  return [...new Set([...emails, ...fromSubject].map((address) => address.toLowerCase()))];
}
