import { createHash, sign, verify } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { publicKeyObject, type AuditPublicKey, type AuditSigningKey } from './keys.js';

/** The JWS `typ` of a signed checkpoint. */
export const CHECKPOINT_JWS_TYPE = 'phiguard-checkpoint';

export interface CheckpointBody {
  readonly origin: string;
  readonly size: number;
  /** Merkle tree head, standard base64. */
  readonly root: string;
}

/** C2SP tlog-checkpoint body: origin, tree size and base64 root hash, one per line, newline-terminated. */
export function formatCheckpointBody(body: CheckpointBody): string {
  return `${body.origin}\n${body.size}\n${body.root}\n`;
}

export function parseCheckpointBody(text: string): CheckpointBody | undefined {
  const match = /^([^\n]+)\n(0|[1-9]\d*)\n([A-Za-z0-9+/]{43}=)\n$/.exec(text);
  if (!match) return undefined;
  return { origin: match[1]!, size: Number(match[2]), root: match[3]! };
}

/** An origin is a C2SP key name too: no spaces, no `+`, one line. */
export function isValidOrigin(origin: string): boolean {
  return /^[\x21-\x2a\x2c-\x7e]{1,200}$/.test(origin);
}

/** Signs a checkpoint body both ways: a compact JWS (EdDSA) and a C2SP signed note (Ed25519). */
export async function signCheckpoint(key: AuditSigningKey, body: CheckpointBody): Promise<{ jws: string; note: string }> {
  const text = formatCheckpointBody(body);
  const jws = await new CompactSign(new TextEncoder().encode(text))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: CHECKPOINT_JWS_TYPE })
    .sign(key.privateKey);
  const signature = sign(null, Buffer.from(text), key.privateKey);
  const line = `\u2014 ${body.origin} ${Buffer.concat([noteKeyId(body.origin, key.publicKey), signature]).toString('base64')}\n`;
  return { jws, note: `${text}\n${line}` };
}

/** The checkpoint text a JWS signs, if the key signed it; undefined otherwise. */
export async function verifyCheckpointJws(jws: string, key: AuditPublicKey): Promise<string | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(jws, publicKeyObject(key), { algorithms: ['EdDSA'] });
    if (protectedHeader.kid !== key.kid || protectedHeader.typ !== CHECKPOINT_JWS_TYPE) return undefined;
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return undefined;
  }
}

/** Whether a C2SP note carries exactly `text` and a valid signature of `key` under `origin`. */
export function verifyCheckpointNote(note: string, text: string, origin: string, key: AuditPublicKey): boolean {
  if (!note.startsWith(`${text}\n`)) return false;
  const prefix = `\u2014 ${origin} `;
  const keyId = noteKeyId(origin, key);
  for (const line of note.slice(text.length + 1).split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const blob = Buffer.from(line.slice(prefix.length), 'base64');
    if (blob.length !== 68 || !blob.subarray(0, 4).equals(keyId)) continue;
    if (verify(null, Buffer.from(text), publicKeyObject(key), blob.subarray(4))) return true;
  }
  return false;
}

/** C2SP signed-note key ID: the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ Ed25519 public key). */
function noteKeyId(name: string, key: AuditPublicKey): Buffer {
  const raw = Buffer.from(key.jwk.x, 'base64url');
  return createHash('sha256').update(`${name}\n`).update(Buffer.of(1)).update(raw).digest().subarray(0, 4);
}
