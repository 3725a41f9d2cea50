// The close-up: a 20 mm square of the chart at 40 px/mm, where an artist judges single dots, their spread and the
// skin between them (DOMAIN §13: view C). Any chart point, or one an artist names.

import type { ChartPoint } from '../model/design.ts'
import { hairlinePath } from '../placement/hairline.ts'
import type { Placement } from '../placement/place-dots.ts'
import type { ChartWindow } from '../render/view.ts'
import { landmarks } from '../scalp/landmarks.ts'
import { borderBands, CELL_TREATED } from './border.ts'

/** Side of the close-up, mm, and its scale, px per mm (DOMAIN §13: "C a 20 mm close-up at 40 px/mm"). */
export const CLOSE_UP_MM = 20
export const CLOSE_UP_PX_PER_MM = 40
/** The close-up's side in pixels. */
export const CLOSE_UP_PX = CLOSE_UP_MM * CLOSE_UP_PX_PER_MM

/** Points an artist can name instead of chart coordinates. */
export const CLOSE_UP_POINTS = ['hairline', 'crown', 'vertex', 'temple-right', 'temple-left', 'border'] as const
export type CloseUpPoint = (typeof CLOSE_UP_POINTS)[number]

/** The close-up window about chart point (u, v), mm. */
export function closeUpWindow(u: number, v: number): ChartWindow {
  return { u, v, widthMm: CLOSE_UP_MM }
}

/**
 * Where a named point lies on a placed design's chart, or null when the design has none: 'hairline' is the designed
 * line at the midline; 'crown' the design's whorl; 'temple-right'/'temple-left' the frontotemporal points (client's
 * right and left); 'border' the treated cell nearest the client's left ear that touches the fringe (the side, where a
 * seam shows first; DOMAIN §13.1 #6).
 */
export function closeUpPoint(placement: Placement, name: CloseUpPoint): ChartPoint | null {
  const { design, head } = placement
  const marks = landmarks(head, design.head.sex)
  switch (name) {
    case 'vertex':
      return marks.vertex
    case 'crown':
      return [design.crown.center[0], design.crown.center[1]]
    case 'temple-right':
      return marks.frontotemporal[0]
    case 'temple-left':
      return marks.frontotemporal[1]
    case 'hairline': {
      if (design.hairline === null) return null
      const line = hairlinePath(design.hairline, head, design.head.sex, design.seed).line
      let best: ChartPoint | null = null
      for (const p of line) if (best === null || Math.abs(p[0]) < Math.abs(best[0])) best = p
      return best === null ? null : [best[0], best[1]]
    }
    case 'border': {
      const b = borderBands(placement)
      const f = placement.field
      const [eu, ev] = marks.ears[1]
      let best: ChartPoint | null = null
      let bestD = Number.POSITIVE_INFINITY
      for (let i = 0; i < b.kind.length; i++) {
        // a treated cell next to a fringe cell (one step, or a diagonal on a stretched scalp)
        if (b.kind[i] !== CELL_TREATED || !(b.distance[i] <= 2 * f.cell)) continue
        const u = f.x0 + ((i % f.cols) + 0.5) * f.cell
        const v = f.y0 + (Math.floor(i / f.cols) + 0.5) * f.cell
        const d = (u - eu) ** 2 + (v - ev) ** 2
        if (d < bestD) {
          bestD = d
          best = [u, v]
        }
      }
      return best
    }
  }
}
