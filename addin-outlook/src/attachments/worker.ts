// The task pane's extraction worker: reads attachments (PDF, Office, mail, ZIP, images by OCR) off
// the pane's thread, so typing never waits on pdf.js or Tesseract. Loaded only when a draft has an
// attachment the pane cannot read as text; the OCR files load only when there is an image.
import { extractText } from '@phiguard/attachments';
import { createBrowserOcr } from '@phiguard/attachments/browser-ocr';
import { ExtractRequestSchema, OCR_FOLDER, OCR_WORKER_FILE, type ExtractReply } from './protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const folder = new URL(OCR_FOLDER, self.location.href).href;
const ocr = createBrowserOcr({ workerUrl: folder + OCR_WORKER_FILE, coreUrl: folder, langUrl: folder });

// One file at a time, in order: the pane waits for each answer, and OCR is one engine.
let queue = Promise.resolve();
self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = ExtractRequestSchema.safeParse(event.data);
  if (!request.success) return;
  const { id, file } = request.data;
  queue = queue.then(async () => {
    const { parts, uninspectable } = await extractText(file, { ocr });
    self.postMessage({ id, answer: { parts: [...parts], uninspectable: [...uninspectable] } } satisfies ExtractReply);
  });
});
