// An FUT scar: a strip's centre line with its width.
import type { Scar } from '@stipple/engine'
import { distanceToPolyline, freeId, type ShapeItem, type ShapeUtil } from './shape-util.ts'

type Fut = Extract<Scar, { kind: 'fut' }>
const asFut = (item: ShapeItem) => item as Fut

/** A new FUT scar's width (DESIGN's intake example), mm. */
const NEW_FUT_WIDTH_MM = 4

export const futUtil: ShapeUtil = {
  kind: 'fut',
  list: 'scars',
  name: 'FUT scar',
  drawLabel: 'Draw FUT scar',
  drawHint: 'Click or tap points along the strip scar. Finish with Enter or a double-click.',
  closed: false,
  minPoints: 2,
  noun: 'point',
  title: 'Scar',
  pointsOf: (item) => asFut(item).polyline,
  withPoints: (item, polyline) => ({ ...asFut(item), polyline }),
  create: (design, polyline): Fut => ({
    id: freeId(design.scars, 'scar'),
    kind: 'fut',
    polyline,
    widthMm: NEW_FUT_WIDTH_MM,
  }),
  refusal: () => null,
  setFields: (item, patch) => (patch.widthMm === undefined ? item : { ...asFut(item), widthMm: patch.widthMm }),
  // on the strip: within half its width (and the tolerance) of the line
  hitTest: (item, p, toleranceMm) =>
    distanceToPolyline(asFut(item).polyline, p) <= asFut(item).widthMm / 2 + toleranceMm,
}
