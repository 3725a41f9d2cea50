import { describe, expect, it } from 'vitest'
import {
  APPOINTMENT_KINDS,
  type BookedBlock,
  findAvailability,
  type LocationHours,
  type PractitionerHours,
} from './availability.ts'
import { moveSession, planCourse, spacingProblems } from './course.ts'
import { formatZoned } from './zoned-time.ts'

const TZ = 'America/Toronto'
const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close }))
const everyDay = (open: string, close: string) => [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close }))
const location: LocationHours = {
  id: 'yonge',
  timeZone: TZ,
  openingHours: everyDay('09:00', '17:00'),
  chairs: ['chair-1', 'chair-2'],
}
const ana: PractitionerHours = {
  id: 'ana',
  workingHours: [{ locationId: 'yonge', hours: everyDay('09:00', '17:00') }],
  timeOff: [],
}
const ben: PractitionerHours = {
  id: 'ben',
  workingHours: [{ locationId: 'yonge', hours: weekdays('12:00', '17:00') }],
  timeOff: [],
}
const utc = (s: string) => Date.parse(`${s}Z`)
const local = (t: number) => formatZoned(t, TZ)

describe('findAvailability', () => {
  it('puts 09:00 local on the right instant across the March and November changes, to the minute', () => {
    const consult = APPOINTMENT_KINDS.consultation
    for (const [date, first] of [
      ['2026-03-07', '2026-03-07T14:00:00'], // Saturday, EST (UTC−5)
      ['2026-03-08', '2026-03-08T13:00:00'], // the change day itself: clocks went forward at 02:00, EDT (UTC−4)
      ['2026-03-09', '2026-03-09T13:00:00'],
      ['2026-10-31', '2026-10-31T13:00:00'], // EDT
      ['2026-11-01', '2026-11-01T14:00:00'], // back to EST at 02:00
    ] as const) {
      const slots = findAvailability({
        location,
        practitioners: [ana],
        kind: consult,
        fromDate: date,
        toDate: date,
        booked: [],
      })
      expect(slots[0]?.start, date).toBe(utc(first))
      // a 45-minute consultation with 15 minutes after it: the last start is 16:00 local
      expect(local(slots[slots.length - 1]?.start ?? 0), date).toBe(`${date} 16:00`)
      expect(slots.every((s) => s.date === date)).toBe(true)
    }
  })

  it('keeps clear of bookings with their buffers, time off, and needs a free chair', () => {
    const session = APPOINTMENT_KINDS['smp-session']
    const day = '2026-11-24'
    // ana is busy 10:00–13:00 (block 09:45–13:15); both chairs are taken 14:00–15:00
    const booked: BookedBlock[] = [
      { practitionerId: 'ana', chairId: 'chair-1', start: utc('2026-11-24T14:45:00'), end: utc('2026-11-24T18:15:00') },
      { practitionerId: 'zoe', chairId: 'chair-1', start: utc('2026-11-24T19:00:00'), end: utc('2026-11-24T20:00:00') },
      { practitionerId: 'zoe', chairId: 'chair-2', start: utc('2026-11-24T19:00:00'), end: utc('2026-11-24T20:00:00') },
    ]
    const slots = findAvailability({
      location,
      practitioners: [ana, ben],
      kind: session,
      fromDate: day,
      toDate: day,
      booked,
      durationMin: 90,
    })
    for (const s of slots) {
      const block = { start: s.start - 15 * 60_000, end: s.end + 15 * 60_000 }
      for (const b of booked) {
        const samePerson = b.practitionerId === s.practitionerId
        const sameChair = b.chairId === s.chairId
        if (samePerson || sameChair) expect(block.end <= b.start || block.start >= b.end).toBe(true)
      }
    }
    const anaStarts = slots.filter((s) => s.practitionerId === 'ana').map((s) => local(s.start).slice(11))
    // free from 13:15, but a 90-minute session and its buffers from 13:30 would run into 14:00–15:00, when no chair is
    // free: the first is 15:15 (block 15:00–17:00, closing time)
    expect(anaStarts).toEqual(['15:15'])
    // nothing overlaps 14:00–15:00 local: no chair is free then
    expect(
      slots.some((s) => s.start < utc('2026-11-24T20:00:00') && s.end + 15 * 60_000 > utc('2026-11-24T19:00:00'))
    ).toBe(false)
    // ben starts at noon
    expect(local(slots.find((s) => s.practitionerId === 'ben')?.start ?? 0)).toBe('2026-11-24 12:15')
    const off = { ...ana, timeOff: [{ start: utc('2026-11-24T05:00:00'), end: utc('2026-11-25T05:00:00') }] }
    expect(
      findAvailability({ location, practitioners: [off], kind: session, fromDate: day, toDate: day, booked: [] })
    ).toEqual([])
  })
})

describe('courses', () => {
  const base = {
    location,
    practitioners: [ana, ben],
    kind: APPOINTMENT_KINDS['smp-session'],
    booked: [] as BookedBlock[],
  }

  it('books three sessions 7–14 days apart, after the earliest date, with one practitioner', () => {
    const r = planCourse({ sessions: 3, durationsMin: [240, 180, 150], earliestDate: '2026-12-01' }, base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const dates = r.sessions.map((s) => local(s.start).slice(0, 10))
    expect(dates[0] && dates[0] >= '2026-12-01').toBe(true)
    expect(spacingProblems(dates)).toEqual([])
    expect(new Set(r.sessions.map((s) => s.practitionerId)).size).toBe(1)
    expect(r.sessions.map((s) => (s.end - s.start) / 60_000)).toEqual([240, 180, 150])
  })

  it('names a too-close or too-far date with the reason', () => {
    expect(spacingProblems(['2026-12-01', '2026-12-04'])).toEqual([
      {
        index: 1,
        message:
          'session 2 on 2026-12-04 is 3 days after session 1 (2026-12-01); the skin needs at least 7 days to heal between sessions',
      },
    ])
    expect(spacingProblems(['2026-12-01', '2026-12-08', '2027-01-02'])[0]?.message).toContain('at most 14 days apart')
  })

  it('re-flows the later sessions when one moves, and refuses a move too close to the one before', () => {
    const r = planCourse({ sessions: 3, durationsMin: [180, 180, 180], earliestDate: '2026-12-01' }, base)
    if (!r.ok) throw new Error(r.reason)
    const [s1, s2] = r.sessions
    if (!s1 || !s2) throw new Error('course too short')
    // session 2 three days after session 1: refused
    const tooClose = findAvailability({ ...base, fromDate: '2026-12-04', toDate: '2026-12-04', durationMin: 180 })[0]
    if (!tooClose) throw new Error('no slot')
    const refused = moveSession(r.sessions, 1, tooClose, base)
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('at least 7 days') })
    // session 2 pushed to 14 days after session 1: session 3 must follow within 7–14 days of it
    const later = findAvailability({ ...base, fromDate: '2026-12-15', toDate: '2026-12-15', durationMin: 180 }).find(
      (s) => s.practitionerId === s2.practitionerId
    )
    if (!later) throw new Error('no slot')
    const moved = moveSession(r.sessions, 1, later, base)
    expect(moved.ok).toBe(true)
    if (!moved.ok) return
    expect(spacingProblems(moved.sessions.map((s) => local(s.start).slice(0, 10)))).toEqual([])
    expect(moved.moved[0]).toBe(1)
  })

  it('refuses a course that cannot keep its spacing, saying why', () => {
    const closed: LocationHours = { ...location, openingHours: [{ day: 2, open: '09:00', close: '17:00' }] }
    const onlyTuesdays = { ...base, location: closed, practitioners: [ana] }
    // a Tuesday every week keeps 7 days; with a 3-day maximum nothing fits
    const r = planCourse(
      { sessions: 2, durationsMin: [180, 180], earliestDate: '2026-12-01', maxGapDays: 3 },
      onlyTuesdays
    )
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('no free slot for session 2') })
  })
})
