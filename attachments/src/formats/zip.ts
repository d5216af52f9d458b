import type { AttachmentFile } from '../contract.js';
import { addUninspectable, checkDeadline, Refusal, type Job, type ReadNested } from '../lib/job.js';
import { inflateEntry, listZip, type ZipEntry } from '../lib/zip-reader.js';

/** Finder's resource forks and folder settings: metadata macOS adds to the archives it makes, no document content. */
const FINDER_METADATA = /(^|\/)(__MACOSX\/|\.DS_Store$)/;

/**
 * The files of a ZIP (one level), each read through `readNested` as `archive.zip/path`. Counts and
 * declared sizes are checked before anything is inflated, actual sizes while inflating: an archive
 * that would expand past the budget is a zip bomb and is not read further.
 */
export async function readZip(file: AttachmentFile, job: Job, readNested: ReadNested): Promise<void> {
  const entries = listZip(file.data).filter((e) => !FINDER_METADATA.test(e.name));
  const kept = entries.slice(0, job.limits.maxEntries);
  if (entries.length > kept.length) addUninspectable(job, file.name, 'too_many_entries');
  const declared = kept.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > job.decompressedLeft) throw new Refusal('decompression_limit');
  for (const entry of kept) {
    checkDeadline(job);
    const name = `${file.name}/${entry.name}`;
    const data = inflated(file.data, entry, name, job);
    if (data) await readNested({ name, data });
  }
}

/** An entry's bytes; `undefined` when that entry alone cannot be read (reported under its name). */
function inflated(archive: Uint8Array, entry: ZipEntry, name: string, job: Job): Uint8Array | undefined {
  if (entry.declaredSize > job.limits.maxBytes) {
    addUninspectable(job, name, 'too_large');
    return undefined;
  }
  const budgetBinds = job.decompressedLeft <= job.limits.maxBytes;
  let data: Uint8Array | undefined;
  try {
    data = inflateEntry(archive, entry, Math.min(job.decompressedLeft, job.limits.maxBytes), job);
  } catch (error) {
    if (error instanceof Refusal && error.reason === 'timeout') throw error;
    addUninspectable(job, name, error instanceof Refusal ? error.reason : 'malformed');
    return undefined;
  }
  if (data === undefined) {
    // Past the whole budget the archive is a bomb; past only the size limit, this one file is too large.
    if (budgetBinds) throw new Refusal('decompression_limit');
    addUninspectable(job, name, 'too_large');
    return undefined;
  }
  job.decompressedLeft -= data.length;
  return data;
}
