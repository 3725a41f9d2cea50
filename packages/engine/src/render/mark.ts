// The "Simulated" mark every preview carries: a 5×7 bitmap font (drawn here, no canvas), white on a dark plate,
// in the bottom-right corner, scaled with the image.

/** The text of the mark. */
export const MARK_TEXT = 'Simulated'

// 5×7 glyphs, one string of 7 rows per character ('#' = ink)
const GLYPHS: Record<string, string> = {
  S: ['.###.', '#...#', '#....', '.###.', '....#', '#...#', '.###.'].join(''),
  i: ['..#..', '.....', '.##..', '..#..', '..#..', '..#..', '.###.'].join(''),
  m: ['.....', '.....', '##.#.', '#.#.#', '#.#.#', '#.#.#', '#.#.#'].join(''),
  u: ['.....', '.....', '#...#', '#...#', '#...#', '#..##', '.##.#'].join(''),
  l: ['.##..', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'].join(''),
  a: ['.....', '.....', '.###.', '....#', '.####', '#...#', '.####'].join(''),
  t: ['..#..', '..#..', '#####', '..#..', '..#..', '..#..', '...##'].join(''),
  e: ['.....', '.....', '.###.', '#...#', '#####', '#....', '.###.'].join(''),
  d: ['....#', '....#', '.####', '#...#', '#...#', '#...#', '.####'].join(''),
}

const GLYPH_W = 5
const GLYPH_H = 7
const ADVANCE = 6

export interface MarkLayout {
  /** Plate rectangle, px. */
  x: number
  y: number
  w: number
  h: number
  /** Font pixel size, px. */
  scale: number
}

/** Where the mark goes in a width × height image. */
export function markLayout(width: number, height: number): MarkLayout {
  const scale = Math.max(1, Math.floor(Math.min(width, height) / 256))
  const pad = 2 * scale
  const w = (MARK_TEXT.length * ADVANCE - 1) * scale + 2 * pad
  const h = GLYPH_H * scale + 2 * pad
  const margin = 2 * scale
  return { x: Math.max(0, width - w - margin), y: Math.max(0, height - h - margin), w, h, scale }
}

/** Calls `ink(x, y)` for every text pixel of the mark in a width × height image. */
export function forEachMarkPixel(width: number, height: number, ink: (x: number, y: number) => void): void {
  const { x, y, scale } = markLayout(width, height)
  const pad = 2 * scale
  for (let c = 0; c < MARK_TEXT.length; c++) {
    const glyph = GLYPHS[MARK_TEXT[c]]
    for (let gy = 0; gy < GLYPH_H; gy++) {
      for (let gx = 0; gx < GLYPH_W; gx++) {
        if (glyph[gy * GLYPH_W + gx] !== '#') continue
        const px = x + pad + (c * ADVANCE + gx) * scale
        const py = y + pad + gy * scale
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const tx = px + sx
            const ty = py + sy
            if (tx < width && ty < height) ink(tx, ty)
          }
        }
      }
    }
  }
}

/** Draws the mark: the plate darkens what is under it to 35 %, then the text is pure white. */
export function drawSimulatedMark(target: { width: number; height: number; data: Uint8ClampedArray }): void {
  const { width, height, data } = target
  const { x, y, w, h } = markLayout(width, height)
  const x1 = Math.min(width, x + w)
  const y1 = Math.min(height, y + h)
  for (let py = y; py < y1; py++) {
    for (let px = x; px < x1; px++) {
      const i = (py * width + px) << 2
      data[i] = (data[i] * 0.35) | 0
      data[i + 1] = (data[i + 1] * 0.35) | 0
      data[i + 2] = (data[i + 2] * 0.35) | 0
      data[i + 3] = 255
    }
  }
  forEachMarkPixel(width, height, (px, py) => {
    const i = (py * width + px) << 2
    data[i] = 255
    data[i + 1] = 255
    data[i + 2] = 255
    data[i + 3] = 255
  })
}
