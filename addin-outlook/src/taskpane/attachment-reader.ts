// How the task pane reads the attachments it cannot read as text: in a Web Worker on this machine
// (the content never leaves it), each file once per pane, with the service as the fallback where a
// worker cannot run.
import type { AttachmentScanAnswer, AttachmentUpload } from '@phiguard/core';
import { Base64 } from 'js-base64';
import { ExtractReplySchema, type ExtractRequest } from '../attachments/protocol.js';
import type { ServiceClient } from '../service/client.js';

/** Reads uploads into text parts; the service client is one (POST /v1/scan/attachments). */
export type AttachmentReader = Pick<ServiceClient, 'scanAttachments'>;

/** The part of a Web Worker the reader uses (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: ExtractRequest, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
  terminate(): void;
}

/** The worker could not start or failed outside any one file (script not served, blocked by the host). */
export class WorkerUnavailableError extends Error {
  override readonly name = 'WorkerUnavailableError';
  readonly code = 'worker_unavailable';
}

/**
 * Reads each file in the extraction worker, one at a time. A file not answered within `timeoutMs`
 * of being handed over is `timeout`, and the worker is ended (a fresh one starts for the next file),
 * since a parser stuck in a hostile file cannot be interrupted any other way.
 */
export function workerReader(createWorker: () => WorkerLike): AttachmentReader {
  let worker: WorkerLike | undefined;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const waiting = new Map<number, { resolve: (answer: AttachmentScanAnswer) => void; reject: (error: Error) => void }>();

  function failAll(error: Error): void {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  }

  function current(): WorkerLike {
    if (worker) return worker;
    const started = createWorker();
    started.addEventListener('message', ({ data }) => {
      const reply = ExtractReplySchema.safeParse(data);
      if (!reply.success) return;
      waiting.get(reply.data.id)?.resolve(reply.data.answer);
      waiting.delete(reply.data.id);
    });
    // The script could not load or threw outside a file: what waits for it fails, so the fallback reads it.
    started.addEventListener('error', () => {
      if (worker === started) worker = undefined;
      started.terminate();
      failAll(new WorkerUnavailableError('The attachment reader stopped'));
    });
    worker = started;
    return started;
  }

  async function readOne(upload: AttachmentUpload, timeoutMs: number): Promise<AttachmentScanAnswer> {
    const id = nextId++;
    const data = Base64.toUint8Array(upload.data);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      return await new Promise<AttachmentScanAnswer>((resolve, reject) => {
        const target = current();
        waiting.set(id, { resolve, reject });
        const file = { name: upload.name, ...(upload.contentType ? { contentType: upload.contentType } : {}), data };
        target.postMessage({ id, file }, [data.buffer as ArrayBuffer]);
        timer = setTimeout(() => {
          waiting.delete(id);
          if (worker === target) worker = undefined;
          target.terminate();
          resolve({ parts: [], uninspectable: [{ name: upload.name, reason: 'timeout' }] });
        }, timeoutMs);
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async scanAttachments(uploads, timeoutMs) {
      const answers: AttachmentScanAnswer[] = [];
      // Chained, so each file's time starts when the worker takes it, not while it waits its turn.
      const run = queue.then(async () => {
        for (const upload of uploads) answers.push(await readOne(upload, timeoutMs));
      });
      queue = run.catch(() => undefined);
      try {
        await run;
      } catch (error) {
        throw error instanceof WorkerUnavailableError ? error : new WorkerUnavailableError('The attachment reader could not start', { cause: error });
      }
      return { parts: answers.flatMap((a) => a.parts), uninspectable: answers.flatMap((a) => a.uninspectable) };
    },
  };
}

/**
 * The first reader's answer, or the second's when the first fails as a whole (a worker the host
 * will not run) or cannot read a file's type (the service may, e.g. HEIC photos where switched on).
 * When the second cannot answer either, the first's answer stands.
 */
export function withFallback(first: AttachmentReader, second: AttachmentReader): AttachmentReader {
  return {
    async scanAttachments(uploads, timeoutMs) {
      const answer = await first.scanAttachments(uploads, timeoutMs).catch(() => undefined);
      const names = new Set(uploads.map((u) => u.name));
      if (answer && !answer.uninspectable.some((u) => u.reason === 'unsupported' && names.has(u.name))) return answer;
      const other = second.scanAttachments(uploads, timeoutMs);
      return answer ? other.catch(() => answer) : other;
    },
  };
}

/** Files remembered per pane: the pane checks again on every pause in typing, and OCR takes seconds. */
const REMEMBERED_FILES = 16;

/**
 * Each file read once: answers are kept by the file's name, type and SHA-256 (an attachment
 * replaced under the same name is read again). A read that fails is not kept, so the next check
 * tries again.
 */
export function rememberingReader(reader: AttachmentReader, digest: (text: string) => Promise<string> = sha256): AttachmentReader {
  const answers = new Map<string, Promise<AttachmentScanAnswer>>();

  async function readOne(upload: AttachmentUpload, timeoutMs: number): Promise<AttachmentScanAnswer> {
    const key = `${upload.name}\u0000${upload.contentType ?? ''}\u0000${await digest(upload.data)}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = reader.scanAttachments([upload], timeoutMs);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
      // Oldest first out: a Map iterates in insertion order.
      if (answers.size > REMEMBERED_FILES) answers.delete(answers.keys().next().value!);
    }
    return answer;
  }

  return {
    async scanAttachments(uploads, timeoutMs) {
      const answers = await Promise.all(uploads.map((u) => readOne(u, timeoutMs)));
      return { parts: answers.flatMap((a) => a.parts), uninspectable: answers.flatMap((a) => a.uninspectable) };
    },
  };
}

async function sha256(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
