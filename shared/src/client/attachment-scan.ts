import type { Attachment } from '../draft.js';
import type { AttachmentScanAnswer, AttachmentUpload } from './answers.js';

/**
 * The draft's attachments as the service read them: a part per page or inner file, with its text,
 * and those it could not read. Without an answer (service down or too slow) every upload is
 * uninspectable, so the policy's fail mode decides instead of the attachment passing unread.
 */
export function scannedAttachments(uploads: readonly AttachmentUpload[], answer: AttachmentScanAnswer | undefined): Attachment[] {
  if (!answer) return uploads.map((u) => ({ name: u.name, ...(u.contentType ? { contentType: u.contentType } : {}), uninspectable: 'scan_unavailable' }));
  return [
    ...answer.parts.map((p) => ({ name: p.name, ...(p.contentType ? { contentType: p.contentType } : {}), ...(p.page ? { page: p.page } : {}), text: p.text })),
    ...answer.uninspectable.map((u) => ({ name: u.name, uninspectable: u.reason })),
  ];
}
