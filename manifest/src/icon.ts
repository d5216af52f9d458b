import { ICON_SIZES, PACKAGE_ICONS } from './addin-files.js';

/** An RGBA image, 8 bits per channel, rows top to bottom (what pngjs reads and writes). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/**
 * PHI Guard's mark: a shield with a medical cross. `color` is a blue shield with a white cross
 * (ribbon and store icons); `outline` is white lines on transparent, as Teams requires of the
 * unified manifest's 32×32 outline icon.
 */
export type IconStyle = 'color' | 'outline';

const BLUE = [0x1f, 0x5c, 0x99] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const SAMPLES = 4; // per axis, for anti-aliased edges

// Shape in unit coordinates: straight sides from TOP to SHOULDER, then curving to the point at BOTTOM.
const TOP = 0.06;
const SHOULDER = 0.5;
const BOTTOM = 0.96;
const HALF_WIDTH = 0.4;
const CENTRE = { x: 0.5, y: 0.5 };
const OUTLINE_INNER_SCALE = 0.8;
const CROSS = { x: 0.5, y: 0.47, arm: 0.2, bar: 0.065 };

function inShield(x: number, y: number): boolean {
  if (y < TOP || y > BOTTOM) return false;
  const half = y <= SHOULDER ? HALF_WIDTH : HALF_WIDTH * Math.cos(((y - SHOULDER) / (BOTTOM - SHOULDER)) * (Math.PI / 2));
  return Math.abs(x - CENTRE.x) <= half;
}

function inCross(x: number, y: number, scale = 1): boolean {
  const dx = Math.abs(x - CROSS.x);
  const dy = Math.abs(y - CROSS.y);
  const arm = CROSS.arm * scale;
  const bar = CROSS.bar * scale;
  return (dx <= bar && dy <= arm) || (dy <= bar && dx <= arm);
}

/** The colour a point takes, or undefined where the icon is transparent. */
function paint(style: IconStyle, x: number, y: number): readonly number[] | undefined {
  if (!inShield(x, y)) return undefined;
  if (style === 'color') return inCross(x, y) ? WHITE : BLUE;
  const inner = (v: number, c: number) => c + (v - c) / OUTLINE_INNER_SCALE;
  const inRing = !inShield(inner(x, CENTRE.x), inner(y, CENTRE.y));
  return inRing || inCross(x, y, 0.9) ? WHITE : undefined;
}

export function drawIcon(size: number, style: IconStyle): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint(style, (px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          covered++;
          for (let c = 0; c < 3; c++) sum[c]! += colour[c]!;
        }
      }
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(sum[c]! / covered);
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return { width: size, height: size, pixels };
}

/** Every icon file in manifest/assets: the served add-in's icons and the unified manifest package's two. */
export const ADDIN_ICONS: ReadonlyArray<{ file: string; size: number; style: IconStyle }> = [
  ...ICON_SIZES.map((size) => ({ file: `icon-${size}.png`, size, style: 'color' as const })),
  { file: PACKAGE_ICONS.color, size: 192, style: 'color' },
  { file: PACKAGE_ICONS.outline, size: 32, style: 'outline' },
];
