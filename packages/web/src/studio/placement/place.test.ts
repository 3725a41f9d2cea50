import { placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { createVersioner } from '../editor/design-versions.ts'
import { controlPointsOf, moveControlPoint } from '../state/design-edits.ts'
import { createPlacer } from './place.ts'
import { createPlacementClient, type PortLike } from './placement-client.ts'
import type { PlaceRequest, PlaceResponse } from './placement-protocol.ts'

const design = presetDesign('norwood-3', { seed: 11 })
// the page numbers its designs' versions with one versioner
const versions = createVersioner().versionsOf

describe('createPlacer', () => {
  it("gives the engine's own dots, and reuses them when only the look changed", () => {
    const placer = createPlacer()
    const v = createVersioner().versionsOf
    const a = placer.place({ id: 1, design, versions: v(design), plan: false })
    const ref = placeDots(design)
    if (!a.ok || !ref.ok) throw new Error('does not place')
    expect(a.reused).toBe(false)
    expect(Array.from(a.placement.dots.x)).toEqual(Array.from(ref.dots.x))
    expect(Array.from(a.placement.dots.session)).toEqual(Array.from(ref.dots.session))
    const skinned = { ...design, skin: { ...design.skin, fitzpatrick: 5 } }
    const b = placer.place({ id: 2, design: skinned, versions: v(skinned), plan: false })
    expect(b.ok && b.reused).toBe(true)
    // the reused dots come as the placement of the design asked for, its new look and all
    expect(b.ok && b.placement.design.skin.fitzpatrick).toBe(5)
    expect(b.ok && b.placement.dots).toBe(a.placement.dots)
    const moved = {
      ...design,
      hairline: design.hairline && { ...design.hairline, heightMm: design.hairline.heightMm + 6 },
    }
    const c = placer.place({ id: 3, design: moved, versions: v(moved), plan: true })
    if (!c.ok) throw new Error('does not place')
    expect(c.reused).toBe(false)
    expect(c.placement.dots.count).not.toBe(a.placement.dots.count)
    expect(c.plan?.plan.treatedAreaCm2).toBeGreaterThan(0)
    // the plan is of the placement shown: two impressions for each of these very dots
    expect(c.plan?.plan.totalImpressions).toBe(2 * c.placement.dots.count)
  })

  it('answers a drag step with quick dots and the settled design with its full placement', () => {
    const placer = createPlacer()
    const v = createVersioner().versionsOf
    const start = placer.place({ id: 1, design, versions: v(design), plan: false })
    expect(start.ok && start.partial).toBe(false)
    const points = controlPointsOf(design)
    const mid = Math.floor(points.length / 2)
    const p = points[mid]
    if (p === undefined) throw new Error('the preset has a hairline')
    // what dragging the midline point does (the ends stay put)
    const dragged = moveControlPoint(design, mid, [p[0], p[1] + 3])
    const step = placer.place({ id: 2, design: dragged, versions: v(dragged), plan: false })
    if (!step.ok) throw new Error('does not place')
    expect(step.partial).toBe(true)
    const full = placeDots(dragged)
    if (!full.ok) throw new Error('does not place')
    // not the design's own dots, but as many within 2 % (a small design: 1,400 dots)
    expect(Array.from(step.placement.dots.x)).not.toEqual(Array.from(full.dots.x))
    expect(Math.abs(step.placement.dots.count - full.dots.count) / full.dots.count).toBeLessThan(0.02)
    const settled = placer.place({ id: 3, design: dragged, versions: v(dragged), plan: true })
    if (!settled.ok) throw new Error('does not place')
    expect(settled.partial).toBe(false)
    expect(settled.reused).toBe(false)
    expect(Array.from(settled.placement.dots.x)).toEqual(Array.from(full.dots.x))
    expect(Array.from(settled.placement.dots.session)).toEqual(Array.from(full.dots.session))
  })

  it('reports a design the engine refuses with its paths', () => {
    const first = design.zones[0]
    if (first === undefined) throw new Error('the preset has zones')
    const bad = { ...design, zones: [{ ...first, polygon: [[0, 0] as const] }] }
    const v = createVersioner().versionsOf
    const r = createPlacer().place({ id: 1, design: bad, versions: v(bad), plan: false })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.issues[0]?.path).toMatch(/^zones/)
  })
})

describe('createPlacementClient', () => {
  it('keeps one request in flight and only the newest waiting', () => {
    const sent: PlaceRequest[] = []
    const port: PortLike = { onmessage: null, postMessage: (m) => sent.push(m) }
    const got: PlaceResponse[] = []
    const client = createPlacementClient(port, (r) => got.push(r))
    client.request(design, versions(design), false)
    client.request(design, versions(design), false)
    client.request(design, versions(design), true)
    expect(sent.map((s) => s.id)).toEqual([1])
    const answer = (id: number) => ({ data: { id, ok: false, issues: [] } }) as unknown as MessageEvent<PlaceResponse>
    port.onmessage?.(answer(1))
    expect(sent.map((s) => s.id)).toEqual([1, 3])
    expect(sent[1]?.plan).toBe(true)
    port.onmessage?.(answer(3))
    expect(got.map((g) => g.id)).toEqual([1, 3])
    client.dispose()
    expect(port.onmessage).toBeNull()
  })
})
