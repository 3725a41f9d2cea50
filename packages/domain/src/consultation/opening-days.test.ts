import { describe, expect, it } from 'vitest'
import { IntakeSchema } from '../intake/intake.schema.ts'
import { consult } from './consult.ts'
import { datesOnOpenDays, openOnOrAfter, openWeekdaysOf, type Weekday } from './opening-days.ts'

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay()
const MON_FRI: Weekday[] = [1, 2, 3, 4, 5]

describe('the closed-day rule', () => {
  it('reads open days from opening hours; a day without an interval is closed', () => {
    expect(openWeekdaysOf({ mon: [['09:00', '17:00']], tue: [], sat: [['10:00', '14:00']] })).toEqual([1, 6])
  })

  it('moves a date on a closed day to the next open day', () => {
    expect(openOnOrAfter('2026-12-05', MON_FRI)).toBe('2026-12-07') // Saturday → Monday
    expect(openOnOrAfter('2026-12-07', MON_FRI)).toBe('2026-12-07')
    expect(openOnOrAfter('2026-12-07', [6])).toBe('2026-12-12')
  })

  it('keeps at least the planned spacing and never lands on a closed day', () => {
    const dates = datesOnOpenDays('2026-12-05', [0, 10, 20], MON_FRI)
    expect(dates).toEqual(['2026-12-07', '2026-12-17', '2026-12-28'])
    for (const d of dates) expect(MON_FRI).toContain(weekday(d))
  })

  it('a consultation never proposes a day the location is closed', () => {
    const intake = IntakeSchema.parse({
      schema: 'stipple.intake/v1',
      client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'black', hairLength: 'shaved' },
      hairLoss: { scale: 'norwood', stage: '3' },
    })
    // 2026-12-05 is a Saturday; a studio open Tuesday to Saturday
    const open: Weekday[] = [2, 3, 4, 5, 6]
    const { result } = consult(intake, { today: '2026-12-06', openWeekdays: open })
    for (const s of result.plan.sessions) expect(open).toContain(weekday(s.date))
    expect(result.dates.firstSession).toBe('2026-12-08')
    // without the location's hours, the price list's location default: Monday to Friday
    const byDefault = consult(intake, { today: '2026-12-06' }).result
    for (const s of byDefault.plan.sessions) expect(MON_FRI).toContain(weekday(s.date))
    for (let i = 1; i < byDefault.plan.sessions.length; i++) {
      const gap =
        (Date.parse(byDefault.plan.sessions[i]?.date ?? '') - Date.parse(byDefault.plan.sessions[i - 1]?.date ?? '')) /
        86_400_000
      expect(gap).toBeGreaterThanOrEqual(7)
      expect(gap).toBeLessThanOrEqual(14)
    }
  }, 30_000)
})
