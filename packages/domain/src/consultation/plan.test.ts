import { describe, expect, it } from 'vitest'
import { addDays, addMonths, isIsoDate } from './dates.ts'
import { sessionMinutes } from './plan.ts'
import { dilutionForShade } from './recommendation.ts'

describe('session durations (DOMAIN §0: 4,500 impressions an hour)', () => {
  it('adds set-up, slower fine work and breaks, rounded up to 5 minutes', () => {
    // 4,500 fill dots: 60 min of needle work + 45 min set-up
    expect(sessionMinutes(2, 4500, 0)).toBe(105)
    // the first session also draws the hairline: 60 min set-up
    expect(sessionMinutes(1, 4500, 0)).toBe(120)
    // fine hairline dots take twice as long: 90 min of needle work, one break
    expect(sessionMinutes(2, 4500, 2250)).toBe(45 + 90 + 10)
    expect(sessionMinutes(2, 0, 0)).toBe(45)
  })
})

describe('dilution for a shade (DOMAIN §4.3: 20 → 1:10 … 60 → 1:40)', () => {
  it('maps linearly and clamps', () => {
    expect([20, 40, 60, 10, 70].map(dilutionForShade)).toEqual(['1:10', '1:25', '1:40', '1:10', '1:40'])
  })
})

describe('calendar dates', () => {
  it('adds days and months in UTC, clamping to the month end', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08')
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28')
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29')
    expect(['2026-02-30', '2026-13-01', '20261120', '2026-11-20'].map(isIsoDate)).toEqual([false, false, false, true])
  })
})
