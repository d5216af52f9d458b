import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { KeyError } from './errors.js';
import { assertUsable } from './parsed-key.js';
import { parseSmimeCertificate, type ParsedSmimeCertificate } from './smime.js';

/** A signed message as a read-mode add-in sees it. */
export interface SignedMail {
  /**
   * DER of the CMS ContentInfo: the application/pkcs7-signature part of a multipart/signed message
   * (detached), or the body of an application/pkcs7-mime signed-data message (content inside).
   */
  readonly signature: Uint8Array;
  /** The exact signed MIME entity (the first part of multipart/signed); needed when detached. */
  readonly content?: Uint8Array;
  /** The message's From address. */
  readonly from: string;
  readonly now: Date;
  /** CA certificates (PEM) a signer's certificate must chain to: public S/MIME CAs, plus any the organisation adds. */
  readonly trustedRoots: readonly string[];
}

/** Passed explicitly, so verification never depends on pkijs's process-wide engine. */
const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });

/**
 * The signer's certificate of signed mail, when the signature verifies over the content, the
 * certificate names `from` (any case), chains to one of `trustedRoots` at `now`, and is usable for
 * encryption. The chain is what ties the key to the address: without it anyone could sign with a
 * self-made certificate naming someone else's address and have PHI encrypted to themselves.
 * KeyError otherwise: `unreadable` (not CMS signed-data), `signature_invalid`, `signer_mismatch`,
 * `untrusted_issuer`, `expired`, `not_usable`.
 */
export async function verifySignedMail(mail: SignedMail): Promise<ParsedSmimeCertificate> {
  const signedData = readSignedData(mail.signature);
  const from = mail.from.trim().toLowerCase();
  let signerMismatch = false;
  for (let signer = 0; signer < signedData.signerInfos.length; signer++) {
    const certificate = await verifiedSigner(signedData, signer, mail.content);
    if (certificate === undefined) continue;
    const parsed = parseSmimeCertificate(new Uint8Array(certificate.toSchema().toBER()), { now: mail.now });
    if (!parsed.addresses.includes(from)) {
      signerMismatch = true;
      continue;
    }
    assertUsable(parsed);
    if (!(await chainsToTrustedRoot(certificate, signedData, mail))) throw new KeyError('untrusted_issuer', 'the signer certificate does not chain to a trusted CA');
    return parsed;
  }
  if (signerMismatch) throw new KeyError('signer_mismatch', 'the signer certificate does not name the sender address');
  throw new KeyError('signature_invalid', 'no signature verifies over the signed content');
}

async function chainsToTrustedRoot(certificate: pkijs.Certificate, signedData: pkijs.SignedData, mail: SignedMail): Promise<boolean> {
  const intermediates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== certificate);
  const chain = new pkijs.CertificateChainValidationEngine({
    certs: [...intermediates, certificate],
    trustedCerts: mail.trustedRoots.flatMap(readPem),
    checkDate: mail.now,
  });
  return (await chain.verify({}, engine)).result;
}

function readPem(pem: string): pkijs.Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.flatMap((block) => {
    try {
      return [pkijs.Certificate.fromBER(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'))];
    } catch {
      return [];
    }
  });
}

/** RFC 8551 §3.5.3: the signature part is a ContentInfo of signed-data over id-data content. */
function readSignedData(der: Uint8Array): pkijs.SignedData {
  let signedData: pkijs.SignedData | undefined;
  try {
    const info = pkijs.ContentInfo.fromBER(der);
    signedData = info.contentType === pkijs.ContentInfo.SIGNED_DATA ? new pkijs.SignedData({ schema: info.content }) : undefined;
  } catch (error) {
    throw new KeyError('unreadable', 'not a CMS structure', [], { cause: error });
  }
  if (signedData?.encapContentInfo.eContentType !== pkijs.ContentInfo.DATA) throw new KeyError('unreadable', 'not S/MIME signed mail');
  return signedData;
}

/**
 * The certificate of signer `index` (found among the SignedData's certificates by its sid) when its
 * signature verifies. Tries the content as given, then in canonical form: RFC 8551 §3.1.1 signs
 * CRLF line ends, which a host may have turned into LF.
 */
async function verifiedSigner(signedData: pkijs.SignedData, index: number, content: Uint8Array | undefined): Promise<pkijs.Certificate | undefined> {
  for (const data of contentForms(content)) {
    try {
      const result = await signedData.verify({ signer: index, extendedMode: true, ...(data ? { data: data.buffer } : {}) }, engine);
      if (result.signatureVerified && result.signerCertificate) return result.signerCertificate;
    } catch (error) {
      // Missing certificate or content, digest mismatch, unsupported algorithm: this signer fails.
      if (!(error instanceof pkijs.SignedDataVerifyError)) throw error;
    }
  }
  return undefined;
}

/** The content as given (copied to its own ArrayBuffer) and, when it has bare LFs, with CRLFs. */
function contentForms(content: Uint8Array | undefined): (Uint8Array<ArrayBuffer> | undefined)[] {
  if (content === undefined) return [undefined];
  const text = Buffer.from(content).toString('latin1');
  const canonical = text.replace(/\r?\n/g, '\r\n');
  return canonical === text ? [new Uint8Array(content)] : [new Uint8Array(content), new Uint8Array(Buffer.from(canonical, 'latin1'))];
}
