import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

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

/**
 * A JSON key file parsed with its schema, or undefined when there is none. A file that is not JSON
 * or not that shape becomes `invalid(...)`'s error, which never quotes the file: it holds keys.
 */
export async function readSecretJson<S extends z.ZodType>(
  path: string,
  schema: S,
  invalid: (problem: 'not_json' | 'wrong_shape', cause?: unknown) => Error,
): Promise<z.output<S> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('not_json', error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid('wrong_shape');
  return parsed.data;
}
