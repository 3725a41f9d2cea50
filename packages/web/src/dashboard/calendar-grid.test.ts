import { describe, expect, it } from 'vitest'
import type { Appointment } from '../api/types.ts'
import * as grid from './calendar-grid.ts'
import { type Column, DAY_START_MIN, dropTarget, PX_PER_MIN, place, timeAt } from './calendar-grid.ts'

const appt = (over: Partial<Appointment> = {}): Appointment => ({
  id: 'a1',
  kind: 'smp-session',
  status: 'booked',
  // 10:00–13:00 in Toronto (EST, UTC−5) on 2026-11-24, as the server describes it
  startsAt: '2026-11-24T15:00:00.000Z',
  endsAt: '2026-11-24T18:00:00.000Z',
  startsAtLocal: { date: '2026-11-24', time: '10:00', offsetMinutes: -300 },
  endsAtLocal: { date: '2026-11-24', time: '13:00', offsetMinutes: -300 },
  locationId: 'l1',
  practitionerId: 'p1',
  chairId: 'c1',
  clientId: 'k1',
  clientName: null,
  practitionerName: 'Sam',
  source: 'clinic',
  courseId: null,
  courseIndex: null,
  contact: null,
  notes: null,
  cancelReason: null,
  ...over,
})
const columns: Column[] = [
  { key: 'p1', label: 'Sam', date: '2026-11-24', practitionerId: 'p1' },
  { key: 'p2', label: 'Léa', date: '2026-11-24', practitionerId: 'p2' },
]

describe('calendar geometry', () => {
  it("places an appointment in its practitioner's column at the local time the server gave", () => {
    const [p] = place(columns, [appt()])
    expect(p?.column).toBe(0)
    expect(p?.top).toBeCloseTo((10 * 60 - DAY_START_MIN) * PX_PER_MIN)
    expect(p?.height).toBeCloseTo(180 * PX_PER_MIN)
  })

  it('uses the local time as given, whatever zone the browser is in', () => {
    // the same instant, described by the server in Vancouver: 07:00 local
    const [p] = place(columns, [
      appt({
        startsAtLocal: { date: '2026-11-24', time: '09:00', offsetMinutes: -480 },
        endsAtLocal: { date: '2026-11-24', time: '09:45', offsetMinutes: -480 },
      }),
    ])
    expect(p?.top).toBeCloseTo(60 * PX_PER_MIN)
    expect(p?.height).toBeCloseTo(45 * PX_PER_MIN)
  })

  it('leaves out cancelled appointments and those of other days or people', () => {
    expect(
      place(columns, [
        appt({ status: 'cancelled' }),
        appt({ practitionerId: 'p9' }),
        appt({ startsAtLocal: { date: '2026-11-25', time: '10:00', offsetMinutes: -300 } }),
      ])
    ).toEqual([])
  })

  it('turns a drag into a new local start snapped to 15 minutes and a new column', () => {
    const [p] = place(columns, [appt()])
    if (p === undefined) throw new Error('not placed')
    // 40 min down snaps to 45; one column right
    const drop = dropTarget(columns, p, 210, 40 * PX_PER_MIN, 200)
    expect(drop?.column.practitionerId).toBe('p2')
    expect(drop?.startsAtLocal).toEqual({ date: '2026-11-24', time: '10:45' })
  })

  it('treats a small wobble as no move', () => {
    const [p] = place(columns, [appt()])
    if (p === undefined) throw new Error('not placed')
    expect(dropTarget(columns, p, 20, 3, 200)).toBeNull()
  })

  it('reads a click on an empty part of a column as a time snapped down to 15 minutes', () => {
    expect(timeAt(0)).toBe('08:00')
    expect(timeAt((2 * 60 + 20) * PX_PER_MIN)).toBe('10:15')
    expect(timeAt(99_999)).toBe('20:45')
  })
})

describe('closed hours', () => {
  // Toronto's demo hours: 10:00–18:00 on Tuesdays, closed on Sundays
  const opening = { tue: [['10:00', '18:00']], wed: [['10:00', '20:00']] } as const
  const { closedBands, isOpenAt, openRanges, weekdayKey } = grid

  it('reads the weekday of a calendar date without a time zone', () => {
    expect(weekdayKey('2026-12-08')).toBe('tue')
    expect(weekdayKey('2026-12-13')).toBe('sun')
  })

  it('shades before opening and after closing, and a closed day whole', () => {
    const open = openRanges('2026-12-08', opening)
    expect(open).toEqual([[600, 1080]])
    expect(closedBands(open)).toEqual([
      { top: 0, height: expect.closeTo((600 - DAY_START_MIN) * PX_PER_MIN) },
      { top: expect.closeTo((1080 - DAY_START_MIN) * PX_PER_MIN), height: expect.closeTo(180 * PX_PER_MIN) },
    ])
    expect(closedBands(openRanges('2026-12-13', opening))).toEqual([
      { top: 0, height: expect.closeTo(780 * PX_PER_MIN) },
    ])
    expect(isOpenAt(open, '07:00')).toBe(false)
    expect(isOpenAt(open, '09:45')).toBe(false)
    expect(isOpenAt(open, '10:00')).toBe(true)
    expect(isOpenAt(open, '17:45')).toBe(true)
    expect(isOpenAt(open, '18:00')).toBe(false)
  })

  it("narrows a practitioner's column to their working hours there", () => {
    const open = openRanges('2026-12-09', opening, { wed: [['12:00', '22:00']] })
    expect(open).toEqual([[720, 1200]])
    expect(isOpenAt(open, '11:00')).toBe(false)
    expect(openRanges('2026-12-08', opening, {})).toEqual([])
  })
})

describe('cancelled appointments', () => {
  it('are left out unless asked for, then placed where they were', () => {
    const cancelled = appt({ id: 'a2', status: 'cancelled' })
    expect(place(columns, [appt(), cancelled]).map((p) => p.appointment.id)).toEqual(['a1'])
    const shown = place(columns, [appt(), cancelled], { showCancelled: true })
    expect(shown.map((p) => p.appointment.id)).toEqual(['a1', 'a2'])
    expect(shown[1]?.column).toBe(0)
  })
})
