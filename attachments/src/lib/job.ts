import type { AttachmentFile, ExtractLimits, ExtractedPart, HeifDecoder, OcrEngine, Uninspectable, UninspectableReason } from '../contract.js';

/** One top-level attachment being read: its limits, its deadline, and what has been read so far. */
export interface Job {
  readonly limits: ExtractLimits;
  readonly ocr: OcrEngine | undefined;
  /** Given only by hosts that may decode HEVC (extract.ts ExtractOptions). */
  readonly heif?: HeifDecoder | undefined;
  /** Epoch milliseconds after which every reader stops at its next check. */
  readonly deadline: number;
  /** Decompressed bytes still allowed, shared by every container inside the attachment. */
  decompressedLeft: number;
  /** Set once the result has been handed back; work still running in the background stops at its next check. */
  over: boolean;
  readonly parts: ExtractedPart[];
  readonly uninspectable: Uninspectable[];
}

/** Reads a file found inside a container (ZIP entry, forwarded message's attachment) into the same job. */
export type ReadNested = (file: AttachmentFile) => Promise<void>;

/**
 * Unwinds a reader to the boundary of the file it was reading, carrying only the reason: never a
 * file's content or name, so it can be logged.
 */
export class Refusal extends Error {
  constructor(readonly reason: UninspectableReason) {
    super(`attachment not inspected: ${reason}`);
    this.name = 'Refusal';
  }
}

/** Called between units of work (pages, entries, chunks): synchronous parsing cannot be interrupted by a timer. */
export function checkDeadline(job: Job): void {
  if (job.over || Date.now() > job.deadline) throw new Refusal('timeout');
}

export function addPart(job: Job, part: ExtractedPart): void {
  if (!job.over && part.text.trim() !== '') job.parts.push(part);
}

/** Records a file (or the rest of one) that could not be read; once per name and reason. */
export function addUninspectable(job: Job, name: string, reason: UninspectableReason): void {
  if (job.over || job.uninspectable.some((u) => u.name === name && u.reason === reason)) return;
  job.uninspectable.push({ name, reason });
}

/**
 * An image's text by the job's OCR engine. An engine that timed out or could not start says so by
 * its code (ocr/reading.ts OcrError), which becomes the file's reason; any other failure is the image's.
 */
export async function recognize(ocr: OcrEngine, image: Uint8Array, contentType: string): Promise<string> {
  return ocr.recognize(image, contentType).catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    throw code === 'timeout' || code === 'ocr_unavailable' ? new Refusal(code) : error;
  });
}
