// A scar outline with no punches (a patch the artist camouflages): edited like an FUE area, never drawn new.
import type { Scar } from '@stipple/engine'
import { freeId, insidePolygon, type ShapeItem, type ShapeUtil } from './shape-util.ts'

type PolygonScar = Extract<Scar, { kind: 'polygon' }>
const asPolygon = (item: ShapeItem) => item as PolygonScar

export const polygonScarUtil: ShapeUtil = {
  kind: 'polygon',
  list: 'scars',
  name: 'scar outline',
  drawLabel: 'Draw scar outline',
  drawHint: "Click or tap the preview to place the scar's corners.",
  closed: true,
  minPoints: 3,
  noun: 'corner',
  title: 'Scar',
  pointsOf: (item) => asPolygon(item).polygon,
  withPoints: (item, polygon) => ({ ...asPolygon(item), polygon }),
  create: (design, polygon): PolygonScar => ({ id: freeId(design.scars, 'scar'), kind: 'polygon', polygon }),
  refusal: () => null,
  setFields: (item) => item,
  hitTest: (item, p) => insidePolygon(asPolygon(item).polygon, p),
}
