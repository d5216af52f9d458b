import { webcrypto } from 'node:crypto';
import { x509 } from '../keys/x509.js';

/** A certificate authority that lives in memory: for development certificates and tests. */
export interface LocalCa {
  readonly certPem: string;
  /** A server certificate for the given DNS names, signed by this CA. */
  issue(hosts: readonly string[]): Promise<LocalCertificate>;
}

export interface LocalCertificate {
  readonly keyPem: string;
  readonly certPem: string;
  /** SHA-256 of the certificate's SubjectPublicKeyInfo, i.e. the data of a TLSA `3 1 1` record. */
  readonly spkiSha256: Buffer;
}

const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

/** A new CA (P-256) valid for `days`; it signs server certificates valid as long. Its private key never leaves memory. */
export async function createLocalCa(name: string, days: number, now: Date = new Date()): Promise<LocalCa> {
  const notBefore = new Date(now.getTime() - 3_600_000);
  const notAfter = new Date(now.getTime() + days * DAY_MS);
  const caKeys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${name}`,
    keys: caKeys,
    signingAlgorithm: SIGNING,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return {
    certPem: caCert.toString('pem'),
    async issue(hosts) {
      const keys = await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
      const cert = await x509.X509CertificateGenerator.create({
        subject: `CN=${hosts[0] ?? 'localhost'}`,
        issuer: caCert.subject,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: SIGNING,
        notBefore,
        notAfter,
        extensions: [
          new x509.SubjectAlternativeNameExtension(
            hosts.map((host) => (/^[\d.]+$|:/.test(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host })),
          ),
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        ],
      });
      const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
      const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey);
      return {
        keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
        certPem: cert.toString('pem'),
        spkiSha256: Buffer.from(await webcrypto.subtle.digest('SHA-256', spki)),
      };
    },
  };
}
