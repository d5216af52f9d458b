// How an image is read, the same for the Node engine and the task pane's browser engine: the
// Tesseract settings, and the second try with the image turned when the first reading is unsure.
// Browser-safe: no Node APIs.
import Tesseract from 'tesseract.js';
import type { UninspectableReason } from '../contract.js';
import { chunk, concat, PNG_SIGNATURE } from '../lib/png.js';

export type OcrErrorCode = Extract<UninspectableReason, 'malformed' | 'timeout' | 'ocr_unavailable'>;

/** Why an image gave no text; `code` is the attachment's uninspectable reason. Never carries image text. */
export class OcrError extends Error {
  override readonly name = 'OcrError';
  constructor(
    readonly code: OcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One recognition: the text and Tesseract's mean word confidence (0–100). */
export interface Reading {
  readonly text: string;
  readonly confidence: number;
}

export const TESSERACT_PARAMETERS = {
  // Fully automatic page segmentation without orientation and script detection (no OSD model is shipped).
  tessedit_pageseg_mode: Tesseract.PSM.AUTO,
  // Sauvola's local threshold keeps faint or unevenly lit text that Otsu's global one loses (k tuned on the render-text fixtures).
  thresholding_method: '2',
  thresholding_kfactor: '0.2',
  // Tesseract's diagnostics ("Estimating resolution as …") would otherwise go to stderr or the console.
  debug_file: '/dev/null',
};

/** Mean word confidence at which a reading is kept without trying the image turned. */
const CONFIDENT = 70;
/**
 * EXIF orientations to try on an unsure reading. Automatic page segmentation already reads a page
 * turned a quarter clockwise (it takes the lines for vertical text), so the quarter turn the other
 * way (6) and upside down (3) come first, and the clockwise one (8) last.
 */
const TURNS = [6, 3, 8] as const;

/** The image's text: read as it is, then turned while the reading stays unsure; the most confident reading wins. */
export async function readTurned(image: Uint8Array, recognize: (image: Uint8Array) => Promise<Reading>): Promise<string> {
  let best = await recognize(image);
  if (best.confidence >= CONFIDENT) return best.text;
  for (const orientation of TURNS) {
    const turned = withOrientation(image, orientation);
    if (turned === undefined) break;
    const reading = await recognize(turned);
    if (reading.confidence > best.confidence) best = reading;
    if (best.confidence >= CONFIDENT) break;
  }
  return best.text;
}

/** IHDR is always first: 8-byte signature + 25-byte chunk. */
const AFTER_IHDR = 33;

/**
 * The image with an EXIF Orientation tag placed first, so Leptonica turns it by quarter turns
 * without cropping (tesseract.js reads a big-endian Orientation from the first 500 bytes;
 * its rotateRadians keeps the canvas and would cut a turned page). PNG and JPEG only.
 */
export function withOrientation(image: Uint8Array, orientation: 3 | 6 | 8): Uint8Array | undefined {
  // TIFF header (big-endian "MM", IFD at 8), one entry: tag 0x0112 Orientation, SHORT, count 1 (CIPA DC-008 §4.6.4).
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  if (PNG_SIGNATURE.every((b, i) => image[i] === b) && image.length > AFTER_IHDR) {
    // eXIf chunk (PNG 3rd edition §11.3.6), right after IHDR.
    return concat([image.subarray(0, AFTER_IHDR), chunk('eXIf', Uint8Array.from(tiff)), image.subarray(AFTER_IHDR)]);
  }
  if (image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) {
    // APP1 "Exif\0\0" segment right after SOI (JPEG ISO/IEC 10918-1 B.2.4.6, EXIF 2.3 §4.5.4); length counts itself.
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const app1 = Uint8Array.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
    return concat([image.subarray(0, 2), app1, image.subarray(2)]);
  }
  return undefined;
}
