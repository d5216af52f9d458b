import type { Attachment } from '@phiguard/core';
import type { AttachmentFile } from '@phiguard/attachments';
import type { Extractor } from './extractor.js';
import { toDraftAttachments } from './inspect.js';

/**
 * One attachment as draft attachments for the core's scan: a part per page or inner file, the
 * unreadable ones marked; the file by name alone when it held no text at all, so its name and
 * type (an image: a photo) are still scanned.
 */
export async function readAttachment(file: AttachmentFile, extractor: Pick<Extractor, 'extract'>, options?: { readonly ocr?: boolean }): Promise<Attachment[]> {
  const found = toDraftAttachments(await extractor.extract(file, options));
  return found.length > 0 ? found : [{ name: file.name, ...(file.contentType === undefined ? {} : { contentType: file.contentType }) }];
}
