import { describe, expect, it } from 'vitest'
import { formatZoned, instantToZoned, isTimeZone, offsetMinutes, weekday, zonedToInstant } from './zoned-time.ts'

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
