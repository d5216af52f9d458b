// The messages between the task pane and its extraction worker (worker.ts). Both sides check what
// they receive: the worker's answer becomes draft attachments the core decides on.
import { AttachmentScanAnswerSchema } from '@phiguard/core';
import { z } from 'zod';

export const ExtractRequestSchema = z.object({
  id: z.number().int(),
  file: z.object({ name: z.string(), contentType: z.string().optional(), data: z.instanceof(Uint8Array) }),
});
export type ExtractRequest = z.output<typeof ExtractRequestSchema>;

export const ExtractReplySchema = z.object({ id: z.number().int(), answer: AttachmentScanAnswerSchema });
export type ExtractReply = z.output<typeof ExtractReplySchema>;

/** The worker script, beside taskpane.js. */
export const WORKER_FILE = 'extract-worker.js';
/** The OCR files, in one folder beside it (scripts/build-options.ts copies them from the installed packages). */
export const OCR_FOLDER = 'ocr/';
export const OCR_WORKER_FILE = 'worker.min.js';
