// A zone: an outline with its own density, dot size and shade.
import type { Zone } from '@stipple/engine'
import { freeId, insidePolygon, type ShapeItem, type ShapeUtil } from './shape-util.ts'

const asZone = (item: ShapeItem) => item as Zone

export const zoneUtil: ShapeUtil = {
  kind: 'zone',
  list: 'zones',
  name: 'zone',
  drawLabel: 'Draw zone',
  drawHint:
    "Click or tap the preview to place the zone's corners. Close it on the first point, with Enter or a double-click.",
  closed: true,
  minPoints: 3,
  noun: 'corner',
  title: 'Zone',
  pointsOf: (item) => asZone(item).polygon,
  withPoints: (item, polygon) => ({ ...asZone(item), polygon }),
  // DOMAIN's defaults: density 85/cm², 0.15 mm dots, shade 35
  create: (design, polygon): Zone => ({
    id: freeId(design.zones, 'zone'),
    kind: 'density',
    polygon,
    densityPerCm2: 85,
    dotSizeMm: 0.15,
    shade: 35,
    featherMm: 6,
  }),
  refusal: () => null,
  setFields: (item, patch) => {
    const z = asZone(item)
    return {
      ...z,
      densityPerCm2: patch.densityPerCm2 ?? z.densityPerCm2,
      dotSizeMm: patch.dotSizeMm ?? z.dotSizeMm,
      shade: patch.shade ?? z.shade,
    }
  },
  hitTest: (item, p) => insidePolygon(asZone(item).polygon, p),
}
