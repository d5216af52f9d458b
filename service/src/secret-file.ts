import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes an owner-only file next to `path`, flushed to disk, and returns its name, to link or rename into place. */
export async function writeSecretAside(path: string, text: string): Promise<string> {
  const aside = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await open(aside, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return aside;
}

/**
 * Creates `path` holding `text` unless it already exists. Written aside, then hard-linked into
 * place, so processes racing here (replicas, `serve` beside `dev-token`) end up with one whole file.
 */
export async function createSecretFileOnce(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const aside = await writeSecretAside(path, text);
  try {
    await link(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(aside, { force: true });
  }
}
