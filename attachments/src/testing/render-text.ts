// Image fixtures for OCR tests and benches: synthetic lines typeset by Debian's Chromium (DejaVu Sans,
// from fonts-dejavu-core) and photographed or scanned in a canvas, so no real patient image is ever needed.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Bitmap } from './fixtures.js';

/** Debian's package, as the other browser tests use; never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** A synthetic insurance card's lines: a name, an SSN, a date of birth, a member ID and a diagnosis. */
export const INSURANCE_CARD: readonly string[] = ['Patient: Maria Gonzalez', 'SSN 531-72-0846', 'DOB 03/14/1961', 'Member ID XJH449201887', 'Dx: type 2 diabetes'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export interface RenderOptions {
  /** Clockwise turn of the finished image, as a phone photo taken sideways or a page scanned upside down. */
  readonly rotate?: 0 | 90 | 180 | 270;
  /** Grey text on grey paper with speckle and blur: a faint fax or photocopy. */
  readonly lowContrast?: boolean;
  /** A phone photo: a slight tilt, uneven light, a little blur and sensor noise. */
  readonly photo?: boolean;
  /** Width of the page in pixels before any turn; 1275 = 4.25 in, half a letter page. */
  readonly width?: number;
  /** Height of the page in pixels; by default just tall enough for the lines. */
  readonly height?: number;
  /** PNG (a screenshot or scan) by default; JPEG at quality 0.85 as a phone camera saves. */
  readonly format?: 'png' | 'jpeg';
  /** Pixels per inch: 12 pt type is 50 px tall at 300 dpi. */
  readonly dpi?: 300;
  /** A browser to reuse; otherwise one is launched and closed for this image. */
  readonly browser?: Browser;
}

const FONT = "'DejaVu Sans', sans-serif";
const MARGIN_IN = 0.4;

/** Image bytes of `lines` typeset in 12 pt DejaVu Sans at `dpi`, then turned, photographed or degraded as asked. */
export async function renderTextImage(lines: readonly string[], options: RenderOptions = {}): Promise<Uint8Array> {
  const browser = options.browser ?? (await launchChromium());
  try {
    const dpi = options.dpi ?? 300;
    // CSS lays out at 96 px per inch; the device scale turns that into print resolution.
    const scale = dpi / 96;
    const page = await browser.newPage({ deviceScaleFactor: scale, viewport: { width: Math.ceil((options.width ?? 1275) / scale), height: 100 } });
    try {
      await page.setContent(pageHtml(lines, options, scale));
      const typeset = await page.locator('#sheet').screenshot({ type: 'png' });
      // The sheet is screenshot as the printer sees it, then "captured" in a canvas of the same page.
      const args = {
        png: typeset.toString('base64'),
        rotate: options.rotate ?? 0,
        lowContrast: options.lowContrast === true,
        photo: options.photo === true,
        type: `image/${options.format ?? 'png'}`,
      };
      const dataUrl = (await page.evaluate(`(${CAPTURE})(${JSON.stringify(args)})`)) as string;
      return new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
    } finally {
      await page.close();
    }
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}

function pageHtml(lines: readonly string[], options: RenderOptions, scale: number): string {
  const width = (options.width ?? 1275) / scale;
  const height = options.height === undefined ? '' : `height:${options.height / scale}px;`;
  const body = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  return `<!doctype html><html><head><style>
    html, body { margin: 0; background: #fff; }
    #sheet { box-sizing: border-box; width: ${width}px; ${height} padding: ${MARGIN_IN}in; font: 12pt/1.5 ${FONT}; color: #000; overflow: hidden; }
    p { margin: 0; min-height: 1.5em; white-space: pre; }
  </style></head><body><div id="sheet">${body}</div></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Runs in the page (plain JavaScript, as the attachments package has no DOM types): turn, tilt,
 * light and dirty the typeset sheet on a canvas; returns a data URL of the encoded image.
 */
const CAPTURE = `async ({ png, rotate, lowContrast, photo, type }) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const w = img.width, h = img.height;
  const angle = (rotate + (photo ? 2 : 0)) * Math.PI / 180;
  const cos = Math.abs(Math.cos(angle)), sin = Math.abs(Math.sin(angle));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(w * cos + h * sin);
  canvas.height = Math.ceil(w * sin + h * cos);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate(angle);
  if (photo || lowContrast) ctx.filter = photo ? 'blur(1.2px)' : 'blur(0.8px)';
  ctx.drawImage(img, -w / 2, -h / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.filter = 'none';
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const d = pixels.data;
  // A fixed-seed LCG keeps every fixture byte-identical from run to run.
  let seed = 20250611;
  const noise = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5;
  for (let i = 0; i < d.length; i += 4) {
    const p = i / 4, x = p % canvas.width, y = Math.floor(p / canvas.width);
    let v = d[i];
    // Ink about #787878 on paper about #c8c8c8.
    if (lowContrast) v = 120 + (v / 255) * 80 + noise() * 40;
    // Light falls off toward one corner.
    if (photo) v = v * (0.75 + 0.25 * (1 - (x / canvas.width + y / canvas.height) / 2)) + noise() * 24;
    const c = Math.max(0, Math.min(255, Math.round(v)));
    d[i] = c;
    d[i + 1] = c;
    d[i + 2] = photo ? Math.max(0, c - 12) : c;
  }
  ctx.putImageData(pixels, 0, 0);
  return canvas.toDataURL(type, 0.85);
}`;

/** `lines` typeset as `renderTextImage` does, then thresholded to one bit as a fax machine scans: 0 where there is ink. */
export async function renderTextBitmap(lines: readonly string[], options: RenderOptions = {}): Promise<Bitmap> {
  const browser = options.browser ?? (await launchChromium());
  try {
    const png = await renderTextImage(lines, { ...options, browser });
    const page = await browser.newPage();
    try {
      const bitmap = (await page.evaluate(`(${THRESHOLD})(${JSON.stringify(Buffer.from(png).toString('base64'))})`)) as { width: number; height: number; bits: string };
      return { width: bitmap.width, height: bitmap.height, bits: new Uint8Array(Buffer.from(bitmap.bits, 'base64')) };
    } finally {
      await page.close();
    }
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}

/** Runs in the page: a PNG's pixels, darker than mid-grey as 0 bits, in rows packed most significant bit first. */
const THRESHOLD = `async (png) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + png;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  const rowBytes = Math.ceil(img.width / 8);
  const bits = new Uint8Array(rowBytes * img.height).fill(0xff);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (d[(y * img.width + x) * 4] < 128) bits[y * rowBytes + (x >> 3)] &= ~(0x80 >> (x & 7));
    }
  }
  let binary = '';
  for (const b of bits) binary += String.fromCharCode(b);
  return { width: img.width, height: img.height, bits: btoa(binary) };
}`;
