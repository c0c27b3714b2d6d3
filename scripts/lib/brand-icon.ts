import type { TImage } from './png';

/** The brand colour (globals.css --color-brand-600) and the mark of app/icon.svg: a white N on a rounded square. */
export const BRAND_COLOUR = '#177664';
const BRAND_RGB = [0x17, 0x76, 0x64] as const;
/** app/icon.svg's path "M9 23V9h4l6 9V9h4v14h-4l-6-9v9z" on its 32-unit grid. */
const GLYPH: [number, number][] = [
  [9, 23],
  [9, 9],
  [13, 9],
  [19, 18],
  [19, 9],
  [23, 9],
  [23, 23],
  [19, 23],
  [13, 14],
  [13, 23],
];

function insidePolygon(x: number, y: number, polygon: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 32 - radius);
  const cy = Math.min(Math.max(y, radius), 32 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * The icon at `size` pixels, 4×4 supersampled for smooth edges. `fullBleed`: the square fills the image and the
 * glyph shrinks into the safe zone (maskable icons, which the platform crops; Apple's, which iOS rounds itself).
 */
export function brandIcon(size: number, options: { fullBleed?: boolean } = {}): TImage {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 4;
  const glyphScale = options.fullBleed ? 0.8 : 1; // maskable: the middle 80% is always shown
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (options.fullBleed || insideRoundedSquare(x, y, 7)) background++;
          if (insidePolygon(16 + (x - 16) / glyphScale, 16 + (y - 16) / glyphScale, GLYPH)) glyph++;
        }
      }
      const total = samples * samples;
      const white = glyph / total;
      const alpha = Math.max(background, glyph) / total;
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[at + c] = Math.round(BRAND_RGB[c]! * (1 - white) + 255 * white);
      rgba[at + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, rgba };
}
