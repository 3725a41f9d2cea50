import { describe, expect, it } from 'vitest'
import {
  formatZoned,
  instantToZoned,
  isTimeZone,
  localTime,
  offsetMinutes,
  TIME_ZONE_DATABASE_VERSION,
  weekday,
  zoneAbbreviation,
  zonedToInstant,
} from './zoned-time.ts'

const TORONTO = 'America/Toronto'
const utc = (s: string) => Date.parse(`${s}Z`)

describe('zoned time (Toronto, 2026: DST from 8 March 02:00, to 1 November 02:00)', () => {
  it('knows the offsets either side of both changes', () => {
    expect(offsetMinutes(utc('2026-03-08T06:59:00'), TORONTO)).toBe(-300)
    expect(offsetMinutes(utc('2026-03-08T07:00:00'), TORONTO)).toBe(-240)
    expect(offsetMinutes(utc('2026-11-01T05:59:00'), TORONTO)).toBe(-240)
    expect(offsetMinutes(utc('2026-11-01T06:00:00'), TORONTO)).toBe(-300)
  })

  it('turns local opening times into the right instants on both sides of a change', () => {
    expect(zonedToInstant('2026-03-06', 9 * 60, TORONTO)).toBe(utc('2026-03-06T14:00:00'))
    expect(zonedToInstant('2026-03-09', 9 * 60, TORONTO)).toBe(utc('2026-03-09T13:00:00'))
    expect(zonedToInstant('2026-10-30', 9 * 60, TORONTO)).toBe(utc('2026-10-30T13:00:00'))
    expect(zonedToInstant('2026-11-02', 9 * 60, TORONTO)).toBe(utc('2026-11-02T14:00:00'))
  })

  it('reads a time in the spring gap after the jump, and the earlier of two in the autumn overlap', () => {
    // 02:30 on 8 March does not exist: read as 03:30 EDT
    expect(zonedToInstant('2026-03-08', 150, TORONTO)).toBe(utc('2026-03-08T07:30:00'))
    // 01:30 on 1 November happens twice: 01:30 EDT comes first
    expect(zonedToInstant('2026-11-01', 90, TORONTO)).toBe(utc('2026-11-01T05:30:00'))
  })

  it('round-trips instants to local time', () => {
    for (const t of ['2026-03-08T06:30:00', '2026-03-08T07:30:00', '2026-11-01T05:30:00', '2026-11-01T06:30:00']) {
      const local = instantToZoned(utc(t), TORONTO)
      const back = zonedToInstant(local.date, local.minutes, TORONTO)
      // the second 01:30 of 1 November reads back as the first: a wall clock cannot tell them apart
      if (t === '2026-11-01T06:30:00') expect(back).toBe(utc('2026-11-01T05:30:00'))
      else expect(back).toBe(utc(t))
    }
    expect(formatZoned(utc('2026-11-01T06:30:00'), TORONTO)).toBe('2026-11-01 01:30')
  })

  it('names weekdays and refuses unknown zones', () => {
    expect(weekday('2026-11-23')).toBe(1)
    expect(isTimeZone(TORONTO)).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
  })
})

const VANCOUVER = 'America/Vancouver'

describe('the pinned time-zone table', () => {
  it('names its IANA release', () => {
    expect(TIME_ZONE_DATABASE_VERSION).toMatch(/^20\d\d[a-z]$/)
  })

  it('springs Toronto forward and back in 2027 as well (second Sunday of March, first of November)', () => {
    expect(offsetMinutes(utc('2027-03-14T06:59:00'), TORONTO)).toBe(-300)
    expect(offsetMinutes(utc('2027-03-14T07:00:00'), TORONTO)).toBe(-240)
    expect(offsetMinutes(utc('2027-11-07T05:59:00'), TORONTO)).toBe(-240)
    expect(offsetMinutes(utc('2027-11-07T06:00:00'), TORONTO)).toBe(-300)
    expect(zonedToInstant('2027-11-08', 9 * 60, TORONTO)).toBe(utc('2027-11-08T14:00:00'))
  })

  it('moves Vancouver both ways in 2025 (PST ↔ PDT at 02:00 local)', () => {
    expect(offsetMinutes(utc('2025-03-09T09:59:00'), VANCOUVER)).toBe(-480)
    expect(offsetMinutes(utc('2025-03-09T10:00:00'), VANCOUVER)).toBe(-420)
    expect(offsetMinutes(utc('2025-11-02T08:59:00'), VANCOUVER)).toBe(-420)
    expect(offsetMinutes(utc('2025-11-02T09:00:00'), VANCOUVER)).toBe(-480)
    // 02:30 on 9 March 2025 does not exist in Vancouver: read as 03:30 PDT
    expect(zonedToInstant('2025-03-09', 150, VANCOUVER)).toBe(utc('2025-03-09T10:30:00'))
    // 01:30 on 2 November 2025 happens twice: the earlier (PDT) one
    expect(zonedToInstant('2025-11-02', 90, VANCOUVER)).toBe(utc('2025-11-02T08:30:00'))
  })

  it('springs Vancouver forward in March 2026 and then keeps UTC−7 all year, as British Columbia decided', () => {
    expect(offsetMinutes(utc('2026-03-08T09:59:00'), VANCOUVER)).toBe(-480)
    expect(offsetMinutes(utc('2026-03-08T10:00:00'), VANCOUVER)).toBe(-420)
    // no fall-back on 1 November 2026: the runtimes disagree here (Node 20's ICU tz 2025c says −480)
    expect(offsetMinutes(utc('2026-11-01T09:00:00'), VANCOUVER)).toBe(-420)
    expect(offsetMinutes(utc('2026-12-15T12:00:00'), VANCOUVER)).toBe(-420)
    expect(localTime(utc('2026-12-14T16:00:00'), VANCOUVER)).toEqual({
      date: '2026-12-14',
      time: '09:00',
      offsetMinutes: -420,
    })
    expect(zonedToInstant('2026-12-14', 9 * 60, VANCOUVER)).toBe(utc('2026-12-14T16:00:00'))
  })

  it('does not ask the runtime: the answer is the table’s even where Intl says otherwise', () => {
    const runtime = new Intl.DateTimeFormat('en-US', { timeZone: VANCOUVER, timeZoneName: 'longOffset' })
      .formatToParts(new Date(utc('2026-12-15T12:00:00')))
      .find((p) => p.type === 'timeZoneName')?.value
    // whatever this runtime ships (GMT-08:00 on Node 20.20, GMT-07:00 on Chromium 156), the domain says UTC−7
    expect(['GMT-08:00', 'GMT-07:00']).toContain(runtime)
    expect(offsetMinutes(utc('2026-12-15T12:00:00'), VANCOUVER)).toBe(-420)
  })

  it('knows other names of zones and the zones with odd offsets, and only the zones it has', () => {
    expect(isTimeZone('Canada/Pacific')).toBe(true)
    expect(offsetMinutes(utc('2026-12-15T12:00:00'), 'Canada/Pacific')).toBe(-420)
    expect(offsetMinutes(utc('2026-01-15T12:00:00'), 'Asia/Kathmandu')).toBe(345)
    expect(offsetMinutes(utc('2026-01-15T12:00:00'), 'Australia/Sydney')).toBe(660)
    expect(offsetMinutes(utc('2026-07-15T12:00:00'), 'Australia/Sydney')).toBe(600)
    expect(offsetMinutes(utc('2026-07-15T12:00:00'), 'Europe/London')).toBe(60)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('America/Atlantis')).toBe(false)
    expect(isTimeZone('toString')).toBe(false)
    expect(() => offsetMinutes(0, 'America/Atlantis')).toThrow(RangeError)
  })
})

describe('zone abbreviations from the pinned table', () => {
  it('names the clocks as people read them, and gives an offset where the database has no name', () => {
    expect(zoneAbbreviation(utc('2026-12-05T15:00:00'), TORONTO)).toBe('EST')
    expect(zoneAbbreviation(utc('2026-07-05T15:00:00'), TORONTO)).toBe('EDT')
    expect(zoneAbbreviation(utc('2025-12-05T15:00:00'), VANCOUVER)).toBe('PST')
    expect(zoneAbbreviation(utc('2026-12-05T15:00:00'), VANCOUVER)).toBe('MST')
    expect(zoneAbbreviation(utc('2026-07-05T15:00:00'), 'Europe/London')).toBe('BST')
    expect(zoneAbbreviation(utc('2026-07-05T15:00:00'), 'Asia/Kathmandu')).toBe('UTC+05:45')
  })
})
