// The shape utils by kind, and the one place that tells an item's kind from the list it is in.
import type { Design, Scar } from '@stipple/engine'
import { fueUtil } from './fue-util.ts'
import { futUtil } from './fut-util.ts'
import { polygonScarUtil } from './polygon-scar-util.ts'
import type { DrawKind, ShapeItem, ShapeKind, ShapeList, ShapeUtil } from './shape-util.ts'
import { zoneUtil } from './zone-util.ts'

export const SHAPE_UTILS: Readonly<Record<ShapeKind, ShapeUtil>> = {
  zone: zoneUtil,
  fut: futUtil,
  fue: fueUtil,
  polygon: polygonScarUtil,
}

/** The drawing tools in the order their buttons show. */
export const DRAW_KINDS: readonly DrawKind[] = ['zone', 'fut', 'fue']

/** A zone or a scar, as the studio selects it. */
export interface ShapeRef {
  kind: 'zone' | 'scar'
  id: string
}

const LIST_OF_REF: Readonly<Record<ShapeRef['kind'], ShapeList>> = { zone: 'zones', scar: 'scars' }
const REF_OF_LIST: Readonly<Record<ShapeList, ShapeRef['kind']>> = { zones: 'zone', scars: 'scar' }
// a zone's own `kind` is its role (density, …); a scar's is its shape
const KIND_OF: Readonly<Record<ShapeList, (item: ShapeItem) => ShapeKind>> = {
  zones: () => 'zone',
  scars: (item) => (item as Scar).kind,
}

export interface ResolvedShape {
  util: ShapeUtil
  item: ShapeItem
  /** Its index in its list. */
  index: number
  ref: ShapeRef
}

/** The items of one list of the design. */
function itemsOf(design: Design, list: ShapeList): readonly ShapeItem[] {
  return design[list]
}

/** Every zone and scar with its util, zones first. */
export function shapesOf(design: Design): ResolvedShape[] {
  return (['zones', 'scars'] as const).flatMap((list) =>
    itemsOf(design, list).map((item, index) => ({
      util: SHAPE_UTILS[KIND_OF[list](item)],
      item,
      index,
      ref: { kind: REF_OF_LIST[list], id: item.id },
    }))
  )
}

/** The zone or scar a ref names, with its util; null when there is none with that id. */
export function resolveShape(design: Design, ref: ShapeRef): ResolvedShape | null {
  const list = LIST_OF_REF[ref.kind]
  const items = itemsOf(design, list)
  const index = items.findIndex((i) => i.id === ref.id)
  const item = items[index]
  return item === undefined ? null : { util: SHAPE_UTILS[KIND_OF[list](item)], item, index, ref }
}

/** The design with one of its lists of shapes replaced by what `f` makes of it. */
function withList(design: Design, list: ShapeList, f: (items: readonly ShapeItem[]) => ShapeItem[]): Design {
  // a list holds only its own items: what `f` returns came from it or from its kind's util
  return { ...design, [list]: f(itemsOf(design, list)) } as Design
}

/** The design with the item of `list` with this id replaced by what `f` makes of it. */
export function withItem(design: Design, list: ShapeList, id: string, f: (item: ShapeItem) => ShapeItem): Design {
  return withList(design, list, (items) => items.map((item) => (item.id === id ? f(item) : item)))
}

/** The design with a new item at the end of `list`. */
export function withNewItem(design: Design, list: ShapeList, item: ShapeItem): Design {
  return withList(design, list, (items) => [...items, item])
}

/** The design without the item of `list` with this id. */
export function withoutItem(design: Design, list: ShapeList, id: string): Design {
  return withList(design, list, (items) => items.filter((item) => item.id !== id))
}

/** The selection ref of an item in `list`. */
export function refOf(list: ShapeList, id: string): ShapeRef {
  return { kind: REF_OF_LIST[list], id }
}
