import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { ADDIN_ICONS, drawIcon, type RgbaImage } from './icon.js';

const ASSETS = join(__dirname, '..', 'assets');

type Rgba = [number, number, number, number];

function pixelsOf(image: RgbaImage): Rgba[] {
  return Array.from({ length: image.width * image.height }, (_, i) => [...image.pixels.subarray(i * 4, i * 4 + 4)] as Rgba);
}

describe('add-in icons', () => {
  it('the outline icon is white on transparent only, as Teams requires', () => {
    const pixels = pixelsOf(drawIcon(32, 'outline'));
    expect(pixels.filter(([r, g, b, a]) => a > 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
    expect(pixels.filter(([, , , a]) => a === 255).length).toBeGreaterThan(50);
    // The shield's middle, between outline and cross, stays transparent.
    expect(pixelsOf(drawIcon(32, 'outline'))[12 * 32 + 9]![3]).toBe(0);
  });

  it('the colour icon is a blue shield with a white cross on a transparent background', () => {
    const size = 64;
    const pixels = pixelsOf(drawIcon(size, 'color'));
    const at = (x: number, y: number) => pixels[y * size + x]!;
    expect(at(0, 0)[3]).toBe(0);
    expect(at(size / 2, Math.round(size * 0.47))).toEqual([255, 255, 255, 255]);
    expect(at(Math.round(size * 0.2), Math.round(size * 0.2))).toEqual([0x1f, 0x5c, 0x99, 255]);
  });

  it.each(ADDIN_ICONS)('manifest/assets/$file is the current drawing at $size px', ({ file, size, style }) => {
    const png = PNG.sync.read(readFileSync(join(ASSETS, file)));
    const committed: RgbaImage = { width: png.width, height: png.height, pixels: new Uint8Array(png.data) };
    expect([committed.width, committed.height]).toEqual([size, size]);
    expect(Buffer.from(committed.pixels).equals(Buffer.from(drawIcon(size, style).pixels))).toBe(true);
  });
});
