// Writes manifest/assets/*.png, which are committed; run again only when the mark changes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDIN_ICONS, drawIcon, type RgbaImage } from '../src/icon.js';
import { PNG } from 'pngjs';

const ASSETS = fileURLToPath(new URL('../assets', import.meta.url));

await mkdir(ASSETS, { recursive: true });
for (const { file, size, style } of ADDIN_ICONS) await writeFile(join(ASSETS, file), toPng(drawIcon(size, style)));
process.stdout.write(`Wrote ${ADDIN_ICONS.map((icon) => icon.file).join(', ')} to ${ASSETS}\n`);

function toPng(image: RgbaImage): Buffer {
  return PNG.sync.write({ width: image.width, height: image.height, data: Buffer.from(image.pixels) } as PNG, { colorType: 6 });
}
