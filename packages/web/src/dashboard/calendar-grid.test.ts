import { describe, expect, it } from 'vitest'
import type { Appointment } from '../api/types.ts'
import { type Column, DAY_START_MIN, dropTarget, PX_PER_MIN, place } from './calendar-grid.ts'

const TZ = 'America/Toronto'
const appt = (over: Partial<Appointment> = {}): Appointment => ({
  id: 'a1',
  kind: 'smp-session',
  status: 'booked',
  // 10:00–13:00 in Toronto (EST, UTC−5) on 2026-11-24
  startsAt: '2026-11-24T15:00:00.000Z',
  endsAt: '2026-11-24T18:00:00.000Z',
  locationId: 'l1',
  practitionerId: 'p1',
  chairId: 'c1',
  clientId: 'k1',
  ...over,
})
const columns: Column[] = [
  { key: 'p1', label: 'Sam', date: '2026-11-24', practitionerId: 'p1' },
  { key: 'p2', label: 'Léa', date: '2026-11-24', practitionerId: 'p2' },
]

describe('calendar geometry', () => {
  it("places an appointment in its practitioner's column at its local time", () => {
    const [p] = place(columns, [appt()], TZ)
    expect(p?.column).toBe(0)
    expect(p?.top).toBeCloseTo((10 * 60 - DAY_START_MIN) * PX_PER_MIN)
    expect(p?.height).toBeCloseTo(180 * PX_PER_MIN)
  })

  it('leaves out cancelled appointments and those of other days or people', () => {
    expect(
      place(
        columns,
        [appt({ status: 'cancelled' }), appt({ practitionerId: 'p9' }), appt({ startsAt: '2026-11-25T15:00:00Z' })],
        TZ
      )
    ).toEqual([])
  })

  it('turns a drag into a new start snapped to 15 minutes and a new column', () => {
    const [p] = place(columns, [appt()], TZ)
    if (p === undefined) throw new Error('not placed')
    // 40 min down snaps to 45; one column right
    const drop = dropTarget(columns, p, 210, 40 * PX_PER_MIN, 200, TZ)
    expect(drop?.column.practitionerId).toBe('p2')
    expect(drop?.startsAt).toBe('2026-11-24T15:45:00.000Z')
  })

  it('treats a small wobble as no move', () => {
    const [p] = place(columns, [appt()], TZ)
    if (p === undefined) throw new Error('not placed')
    expect(dropTarget(columns, p, 20, 3, 200, TZ)).toBeNull()
  })
})
