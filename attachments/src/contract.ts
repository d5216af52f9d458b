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
  /** 1-based page of a PDF (or of a TIFF), or image of a HEIF file holding several, when the text came from one. */
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

/**
 * Reads HEIF images (HEIC: HEVC-coded, as iPhones save photos). Only hosts that may decode HEVC inject
 * one (LGPL decoder, HEVC patents); without it such images are reported as `unsupported`.
 */
export interface HeifDecoder {
  /** The file's top-level images in its order, sized from the container; rejects for a file it cannot parse. */
  open(data: Uint8Array): Promise<HeifFile>;
}

export interface HeifFile {
  readonly images: readonly HeifImage[];
  /** Frees what the decoder holds for the file; called once, when the reader is done with it. */
  close(): void;
}

/** One image as the container states it; its pixels are decoded only by `decode`, after its size is checked. */
export interface HeifImage {
  readonly width: number;
  readonly height: number;
  /** The pixels as RGBA, 4 bytes a pixel in rows; rejects for an image it cannot decode. */
  decode(): Promise<{ readonly width: number; readonly height: number; readonly data: Uint8Array | Uint8ClampedArray }>;
}
