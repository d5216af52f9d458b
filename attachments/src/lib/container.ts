import type { AttachmentFile } from '../contract.js';
import { addUninspectable, checkDeadline, type Job, type ReadNested } from './job.js';

/**
 * Reads the files of a container (a forwarded message's attachments) as `container/name`, at most
 * `maxEntries` of them; the rest are reported as not inspected.
 */
export async function readContained(container: string, files: readonly AttachmentFile[], job: Job, readNested: ReadNested): Promise<void> {
  const kept = files.slice(0, job.limits.maxEntries);
  if (files.length > kept.length) addUninspectable(job, container, 'too_many_entries');
  for (const file of kept) {
    checkDeadline(job);
    await readNested({ ...file, name: `${container}/${file.name}` });
  }
}

/** Header lines and body of a message as one text, so a name in From and a diagnosis in the body are scanned together. */
export function messageText(headers: ReadonlyArray<readonly [string, string | undefined]>, body: string): string {
  const lines = headers.filter(([, value]) => value !== undefined && value !== '').map(([field, value]) => `${field}: ${value}`);
  return [...lines, '', body].join('\n');
}
