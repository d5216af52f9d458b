import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Draft } from '@phiguard/core';
import { decodeText } from './decode-text.js';
import { parseEml, type ParsedMessage } from './eml.js';
import { DraftReadError } from './errors.js';

/** Well above the usual 25 MB mail size limits, so only a wrong file hits it. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const SUBJECT_LINE = /^subject:[ \t]*([^\r\n]*)(?:\r\n|\n|\r|$)/i;
const LEADING_LINE_BREAK = /^(?:\r\n|\n|\r)/;

/**
 * Reads a draft saved as .eml (a whole message) or .txt (a body, optionally led by a
 * "Subject: …" line). Throws DraftReadError for anything the user can fix.
 */
export async function readDraftFile(path: string): Promise<ParsedMessage> {
  const type = extname(path).toLowerCase();
  if (type !== '.eml' && type !== '.txt') throw new DraftReadError('file_type_unsupported');
  const bytes = await readBytes(path);
  return type === '.eml' ? parseEml(bytes) : { draft: parseTextDraft(decodeText(bytes)), recipients: [] };
}

/** A .txt draft: the whole file is the body, unless its first line is "Subject: …". */
export function parseTextDraft(text: string): Draft {
  const subjectLine = SUBJECT_LINE.exec(text);
  if (!subjectLine) return { subject: '', body: text, attachments: [] };
  const body = text.slice(subjectLine[0].length).replace(LEADING_LINE_BREAK, '');
  return { subject: (subjectLine[1] ?? '').trimEnd(), body, attachments: [] };
}

/** A file's bytes, up to the size limit; DraftReadError for anything the user can fix. */
export async function readBytes(path: string): Promise<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw fileError(cause);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new DraftReadError('not_a_file');
    if (stats.size > MAX_FILE_BYTES) throw new DraftReadError('file_too_large');
    return await handle.readFile();
  } catch (cause) {
    throw cause instanceof DraftReadError ? cause : fileError(cause);
  } finally {
    await handle.close();
  }
}

function fileError(cause: unknown): DraftReadError {
  switch ((cause as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new DraftReadError('file_not_found', { cause });
    case 'EACCES':
    case 'EPERM':
      return new DraftReadError('file_permission_denied', { cause });
    case 'EISDIR':
      return new DraftReadError('not_a_file', { cause });
    default:
      return new DraftReadError('file_unreadable', { cause });
  }
}
