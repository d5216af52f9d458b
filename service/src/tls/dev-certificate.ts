import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSecretAside } from '../secret-file.js';
import { createLocalCa } from './local-ca.js';

/** Where the development certificate lives, inside the data folder. */
export const DEV_TLS_DIR = 'dev-tls';
export const DEV_CA_FILE = 'phi-guard-dev-ca.pem';
const CERT_FILE = 'localhost.pem';
const KEY_FILE = 'localhost-key.pem';
const VALID_DAYS = 365;
/** A certificate this close to expiry is replaced at start-up. */
const RENEW_DAYS = 30;
const HOSTS = ['localhost', '127.0.0.1', '::1'];

export interface DevCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The CA to trust on the developer's machine so Outlook loads the add-in from https://localhost. */
  readonly caPath: string;
}

/**
 * The development HTTPS certificate for localhost, created on first use (and renewed near expiry)
 * with its own throwaway CA: trust `caPath` once on the machine running Outlook, as
 * office-addin-dev-certs would. The CA's private key is never written, so it can sign nothing else.
 */
export async function loadOrCreateDevCertificate(dataDir: string, now: Date = new Date()): Promise<DevCertificate> {
  const dir = join(dataDir, DEV_TLS_DIR);
  const caPath = join(dir, DEV_CA_FILE);
  const existing = await readPair(dir);
  if (existing && new Date(new X509Certificate(existing.certPem).validTo).getTime() - now.getTime() > RENEW_DAYS * 86_400_000) {
    return { ...existing, caPath };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await createLocalCa('PHI Guard development CA', VALID_DAYS, now);
  const leaf = await ca.issue(HOSTS);
  for (const [file, text] of [
    [KEY_FILE, leaf.keyPem],
    [CERT_FILE, leaf.certPem],
    [DEV_CA_FILE, ca.certPem],
  ] as const) {
    await rename(await writeSecretAside(join(dir, file), text), join(dir, file));
  }
  return { certPem: leaf.certPem, keyPem: leaf.keyPem, caPath };
}

async function readPair(dir: string): Promise<{ certPem: string; keyPem: string } | undefined> {
  try {
    return { certPem: await readFile(join(dir, CERT_FILE), 'utf8'), keyPem: await readFile(join(dir, KEY_FILE), 'utf8') };
  } catch {
    return undefined;
  }
}
