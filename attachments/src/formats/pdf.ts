import type { AttachmentFile } from '../contract.js';
import { addPart, addUninspectable, checkDeadline, recognize, Refusal, type Job } from '../lib/job.js';
import { encodePng, type RawImage } from '../lib/png.js';
import { MIN_LEGIBLE_SIDE } from './image.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs['getDocument']>['promise']>['getPage']>>;
type OperatorList = Awaited<ReturnType<PdfPage['getOperatorList']>>;

/** An image a page paints, with its size as the operator list states it; its pixels are fetched only to be read. */
interface PaintedImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: () => Promise<RawImage | undefined>;
}

let loading: Promise<Pdfjs> | undefined;

/** pdf.js, loaded on the first PDF (it is large); the legacy build is the one that runs in Node. */
function loadPdfjs(): Promise<Pdfjs> {
  loading ??= Promise.all([
    import('pdfjs-dist/legacy/build/pdf.mjs'),
    // @ts-expect-error pdfjs-dist ships no types for its worker module.
    import('pdfjs-dist/legacy/build/pdf.worker.mjs') as Promise<unknown>,
  ]).then(([pdfjs, worker]) => {
    // With the worker's handler on this global, pdf.js runs it in this thread: no Worker and no
    // worker URL, in Node and inside the browser Web Worker that already hosts the extraction.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * One part per page with a text layer, up to `maxPages`; the pages beyond are reported as not
 * inspected. A page that paints but has no text (a scan) has its images read by the OCR engine;
 * without an engine, or when the marks are not images (vector outlines need a rendered page, and
 * rendering needs a native canvas in Node), it is reported as `ocr_unavailable`.
 */
export async function readPdf(file: AttachmentFile, job: Job): Promise<void> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // A copy: pdf.js may take over (detach) the buffer it is given.
    data: file.data.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Decoded images come back as pixels (not ImageBitmaps), which is what OCR is given.
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise.catch((error: unknown) => {
      throw new Refusal(isNamed(error, 'PasswordException') ? 'encrypted' : 'malformed');
    });
    const pages = Math.min(doc.numPages, job.limits.maxPages);
    for (let n = 1; n <= pages; n++) {
      checkDeadline(job);
      const page = await doc.getPage(n);
      const text = await pageText(page);
      if (text.trim() !== '') addPart(job, { name: file.name, contentType: 'application/pdf', page: n, text });
      else await readTextlessPage(page, n, file.name, job, pdfjs.OPS);
      page.cleanup();
    }
    if (doc.numPages > pages) addUninspectable(job, file.name, 'too_many_pages');
  } finally {
    await task.destroy();
  }
}

async function readTextlessPage(page: PdfPage, n: number, name: string, job: Job, OPS: Pdfjs['OPS']): Promise<void> {
  const operators = await page.getOperatorList();
  if (!hasMarks(operators, OPS)) return; // a blank page
  const images = paintedImages(page, operators, OPS);
  if (!job.ocr || images.length === 0) {
    addUninspectable(job, name, 'ocr_unavailable');
    return;
  }
  const texts: string[] = [];
  for (const image of images) {
    checkDeadline(job);
    if (image.width < MIN_LEGIBLE_SIDE || image.height < MIN_LEGIBLE_SIDE) continue;
    if (image.width * image.height > job.limits.maxPixels) {
      addUninspectable(job, name, 'image_too_large');
      continue;
    }
    const pixels = await image.pixels();
    const png = pixels && encodePng(pixels);
    if (!png) {
      addUninspectable(job, name, 'ocr_unavailable');
      continue;
    }
    texts.push(await recognize(job.ocr, png, 'image/png'));
  }
  addPart(job, { name, contentType: 'application/pdf', page: n, text: texts.join('\n'), ocr: true });
}

async function pageText(page: PdfPage): Promise<string> {
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
}

/** Whether a page paints anything at all (images, paths, glyphs without a text layer). */
function hasMarks({ fnArray, argsArray }: OperatorList, OPS: Pdfjs['OPS']): boolean {
  const painting = new Set<number>([
    OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke,
    OPS.closeEOFillStroke, OPS.rawFillPath, OPS.shadingFill, OPS.showText, OPS.showSpacedText, OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText, OPS.paintImageMaskXObject, OPS.paintImageMaskXObjectGroup, OPS.paintImageXObject,
    OPS.paintInlineImageXObject, OPS.paintInlineImageXObjectGroup, OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask,
  ]);
  // pdf.js folds a path's painting operator into constructPath as its first argument.
  return fnArray.some((fn, i) => painting.has(fn) || (fn === OPS.constructPath && (argsArray[i] as unknown[])[0] !== OPS.endPath));
}

/**
 * The page's images with their sizes, as the operator list states them (pdf.js has decoded them by
 * then): pictures, and stencil masks, which is how 1-bit scans such as faxes are often painted. An
 * image painted more than once is read once. The operator list is not optimised for rendering, so
 * each mask comes as its own paint, never batched into a group or repeat; a one-pixel mask comes as
 * a solid-colour fill, a box with nothing to read.
 */
function paintedImages(page: PdfPage, { fnArray, argsArray }: OperatorList, OPS: Pdfjs['OPS']): PaintedImage[] {
  const images: PaintedImage[] = [];
  const seen = new Set<string>();
  const firstTime = (id: string) => {
    const first = !seen.has(id);
    seen.add(id);
    return first;
  };
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[];
    if (fn === OPS.paintImageXObject) {
      const id = String(args[0]);
      if (firstTime(id)) images.push({ width: Number(args[1]), height: Number(args[2]), pixels: async () => asRawImage(await pdfObject(page, id)) });
    } else if (fn === OPS.paintInlineImageXObject) {
      const image = args[0] as { width?: unknown; height?: unknown };
      images.push({ width: Number(image.width), height: Number(image.height), pixels: async () => asRawImage(image) });
    } else if (fn === OPS.paintImageMaskXObject) {
      // Its bits are sent as an object (`data` is its id), or carried inline.
      const mask = args[0] as { data?: unknown; width?: unknown; height?: unknown };
      const { data } = mask;
      const size = { width: Number(mask.width), height: Number(mask.height) };
      const bits = async () => (typeof data === 'string' ? ((await pdfObject(page, data)) as { data?: unknown } | undefined)?.data : data);
      if (typeof data !== 'string' || firstTime(data)) images.push({ ...size, pixels: async () => maskImage(size, await bits()) });
    }
  });
  return images;
}

/** A decoded image by id; global ones (used on several pages) live in the document's common objects. */
function pdfObject(page: PdfPage, id: string): Promise<unknown> {
  const objects = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => objects.get(id, resolve));
}

function asRawImage(value: unknown): RawImage | undefined {
  const image = value as Partial<RawImage> | undefined;
  const kind = image?.kind;
  if (!image || (kind !== 1 && kind !== 2 && kind !== 3) || !(image.data instanceof Uint8Array || image.data instanceof Uint8ClampedArray)) return undefined;
  return { width: Number(image.width), height: Number(image.height), kind, data: image.data };
}

/**
 * A stencil mask as 1-bit grey. pdf.js has applied its /Decode, so a 0 bit is painted (ink) and a
 * 1 bit is not (paper), which is black and white as RawImage kind 1 reads them.
 */
function maskImage(size: { width: number; height: number }, data: unknown): RawImage | undefined {
  return data instanceof Uint8Array || data instanceof Uint8ClampedArray ? { ...size, kind: 1, data } : undefined;
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}
