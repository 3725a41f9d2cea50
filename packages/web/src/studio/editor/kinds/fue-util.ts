// An FUE donor area: an outline its punches are spread over.
import type { Scar } from '@stipple/engine'
import { freeId, insidePolygon, type ShapeItem, type ShapeUtil } from './shape-util.ts'

type Fue = Extract<Scar, { kind: 'fue' }>
const asFue = (item: ShapeItem) => item as Fue

/** A new FUE area's punches and punch diameter (DESIGN's intake example, the FUE preset), mm. */
const NEW_FUE = { count: 1500, diameterMm: 0.9 } as const

export const fueUtil: ShapeUtil = {
  kind: 'fue',
  list: 'scars',
  name: 'FUE donor area',
  drawLabel: 'Draw FUE donor area',
  drawHint:
    "Click or tap the preview to place the donor area's corners. Close it on the first point, with Enter or a double-click.",
  closed: true,
  minPoints: 3,
  noun: 'corner',
  title: 'Scar',
  pointsOf: (item) => asFue(item).polygon,
  withPoints: (item, polygon) => ({ ...asFue(item), polygon }),
  create: (design, polygon): Fue => ({ id: freeId(design.scars, 'scar'), kind: 'fue', polygon, ...NEW_FUE }),
  refusal: (design) => {
    const fue = design.scars.find((s) => s.kind === 'fue')
    // placement spreads the punches of the design's first FUE area only
    return fue === undefined
      ? null
      : `This design already has an FUE donor area (scar ${fue.id}): edit that one instead.`
  },
  setFields: (item, patch) => {
    const s = asFue(item)
    const count = patch.count === undefined ? s.count : Math.round(patch.count)
    return { ...s, count, diameterMm: patch.diameterMm ?? s.diameterMm }
  },
  hitTest: (item, p) => insidePolygon(asFue(item).polygon, p),
}
