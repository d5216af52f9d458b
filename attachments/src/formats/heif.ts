import type { AttachmentFile } from '../contract.js';
import { addPart, addUninspectable, checkDeadline, recognize, Refusal, type Job } from '../lib/job.js';
import { encodePng } from '../lib/png.js';
import { MIN_LEGIBLE_SIDE } from './image.js';

/** Brands of HEVC-coded HEIF (ISO/IEC 23008-12 Annex B); AV1-coded HEIF (AVIF) is not the decoder's. */
const HEVC_BRANDS: ReadonlySet<string> = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis']);
const CONTENT_TYPE = 'image/heic';

/**
 * Text from a HEIC photo by the injected HEIF decoder and OCR engine. Each top-level image, up to
 * `maxPages`, is sized from the container before it is decoded, so one past `maxPixels` is never
 * decoded; its pixels go to OCR as PNG. Without a decoder (browser hosts, or a service that has not
 * opted in) the file is `unsupported`, as is AVIF; a file the decoder cannot read is `malformed`.
 */
export async function readHeif(file: AttachmentFile, job: Job): Promise<void> {
  if (!job.heif || !isHevc(file.data)) throw new Refusal('unsupported');
  const ocr = job.ocr;
  if (!ocr) {
    addUninspectable(job, file.name, 'ocr_unavailable');
    return;
  }
  const heif = await job.heif.open(file.data);
  try {
    checkDeadline(job);
    if (heif.images.length === 0) throw new Refusal('malformed');
    const images = heif.images.slice(0, job.limits.maxPages);
    for (const [i, image] of images.entries()) {
      if (image.width < MIN_LEGIBLE_SIDE || image.height < MIN_LEGIBLE_SIDE) continue;
      if (image.width * image.height > job.limits.maxPixels) {
        addUninspectable(job, file.name, 'image_too_large');
        continue;
      }
      const pixels = await image.decode();
      checkDeadline(job);
      const png = encodePng({ ...pixels, kind: 3 });
      if (!png) throw new Refusal('malformed');
      const text = await recognize(ocr, png, 'image/png');
      checkDeadline(job);
      addPart(job, { name: file.name, contentType: CONTENT_TYPE, ...(heif.images.length > 1 ? { page: i + 1 } : {}), text, ocr: true });
    }
    if (heif.images.length > images.length) addUninspectable(job, file.name, 'too_many_pages');
  } finally {
    heif.close();
  }
}

/** Whether the file type box names an HEVC brand, as its major brand or a compatible one (ISO/IEC 14496-12 4.3). */
function isHevc(b: Uint8Array): boolean {
  const fourcc = (at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
  if (b.length < 16 || fourcc(4) !== 'ftyp') return false;
  const end = Math.min(b.length, new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0));
  // The major brand, then after the minor version the compatible brands.
  const brands = [fourcc(8)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(fourcc(at));
  return brands.some((brand) => HEVC_BRANDS.has(brand));
}
