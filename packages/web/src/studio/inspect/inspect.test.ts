import { placeDots, presetDesign } from '@stipple/engine'
import { describe, expect, it } from 'vitest'
import { answerInspection } from './inspect.ts'
import { createInspectClient, type InspectPort } from './inspect-client.ts'
import type { InspectRequest, InspectResponse } from './inspect-protocol.ts'

describe('the inspection worker’s answer', () => {
  it('measures the fringe match of the placement it is given', () => {
    const placed = placeDots(presetDesign('norwood-5a', { seed: 4 }))
    if (!placed.ok) throw new Error('does not place')
    const r = answerInspection({ id: 7, placement: placed, options: {} })
    expect(r.id).toBe(7)
    if (!r.ok) throw new Error(r.message)
    expect(r.fringeMatch.kind).toBe('measured')
    if (r.fringeMatch.kind === 'measured') {
      expect(r.fringeMatch.deltaE2000).toBeGreaterThanOrEqual(0)
      expect(r.fringeMatch.reading).toMatch(/fringe/)
    }
    const bad = answerInspection({ id: 8, placement: placed, options: { session: 12 } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.message).toMatch(/^session: /)
  })
})

describe('createInspectClient', () => {
  it('keeps one request in flight and only the newest waiting', () => {
    const sent: InspectRequest[] = []
    const port: InspectPort = { onmessage: null, postMessage: (m) => sent.push(m) }
    const got: InspectResponse[] = []
    const client = createInspectClient(port, (r) => got.push(r))
    const placement = {} as InspectRequest['placement']
    expect(client.request(placement, {})).toBe(1)
    client.request(placement, {})
    expect(client.request(placement, { years: 2 })).toBe(3)
    expect(sent.map((s) => s.id)).toEqual([1])
    const answer = (id: number) => ({ data: { id, ok: false, message: '' } }) as MessageEvent<InspectResponse>
    port.onmessage?.(answer(1))
    expect(sent.map((s) => s.id)).toEqual([1, 3])
    expect(sent[1]?.options).toEqual({ years: 2 })
    port.onmessage?.(answer(3))
    expect(got.map((g) => g.id)).toEqual([1, 3])
  })
})
