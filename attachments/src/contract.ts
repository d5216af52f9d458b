// What the attachment extractor takes and gives: every host (CLI, service endpoint, task pane
// worker) calls `extractText` and hands the parts to the core's scan as draft attachments.

import type { AttachmentProblem } from '@phiguard/core';

/** One attachment as the mail client has it. */
export interface AttachmentFile {
  readonly name: string;
  readonly contentType?: string;
  readonly data: Uint8Array;
}

/** Bounds on the work one attachment may cause; each refusal is reported, never a hang or crash. */
export interface ExtractLimits {
  /** Size of the attachment itself. */
  readonly maxBytes: number;
  /** PDF pages read. */
  readonly maxPages: number;
  /** Files read from a ZIP (one level) or a forwarded message's attachments. */
  readonly maxEntries: number;
  /** Bytes a ZIP or Office file may expand to, in all. */
  readonly maxDecompressedBytes: number;
  /** Pixels of one image given to OCR. */
  readonly maxPixels: number;
  /** Wall-clock time for the whole attachment. */
  readonly timeoutMs: number;
}

/** Text from one attachment, or from one page of it, or from a file inside it (`archive.zip/letter.pdf`). */
export interface ExtractedPart {
  readonly name: string;
  readonly contentType?: string;
  /** 1-based page of a PDF (or of a TIFF), when the text came from one page. */
  readonly page?: number;
  readonly text: string;
  /** The text was read by OCR from an image. */
  readonly ocr?: boolean;
}

// One list: the core's, since decide and the view read these codes from draft attachments.
export { ATTACHMENT_PROBLEMS as UNINSPECTABLE_REASONS } from '@phiguard/core';
export type UninspectableReason = AttachmentProblem;

/** An attachment (or a file inside one) whose content could not be read: PHI unknown, so the policy's fail mode decides. */
export interface Uninspectable {
  readonly name: string;
  readonly reason: UninspectableReason;
}

export interface Extraction {
  readonly parts: readonly ExtractedPart[];
  readonly uninspectable: readonly Uninspectable[];
}

/** Reads text from an image; the Node OCR engine (tesseract.js, local language data) or a browser worker's. */
export interface OcrEngine {
  recognize(image: Uint8Array, contentType: string): Promise<string>;
}
