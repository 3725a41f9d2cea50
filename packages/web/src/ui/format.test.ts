import { describe, expect, it } from 'vitest'
import { formatLocal, formatLocalDate, formatLocalTime, formatMinorMoney } from './format.ts'

describe('server-computed local times', () => {
  it('shows the date and time as given, whatever zone the browser is in', () => {
    expect(formatLocalDate('2026-12-07')).toContain('Dec')
    expect(formatLocalDate('2026-12-07')).toContain('7')
    expect(formatLocalTime('14:30')).toMatch(/^2:30\sp\.m\.$/)
    expect(formatLocalTime('00:05')).toMatch(/^12:05\sa\.m\.$/)
    expect(formatLocal({ date: '2026-03-08', time: '02:30' })).toMatch(/Mar.*8.*2026, 2:30\sa\.m\.$/)
  })
})

describe('money from the API', () => {
  it('reads integer minor units exactly, in the currency’s locale', () => {
    expect(formatMinorMoney(384_207, 'CAD')).toBe('$3,842.07')
    expect(formatMinorMoney(446_350, 'GBP')).toBe('£4,463.50')
    expect(formatMinorMoney(10, 'USD')).toBe('$0.10')
  })

  it('shows cents only when there are some, when asked to', () => {
    expect(formatMinorMoney(384_200, 'CAD', 'auto')).toBe('$3,842')
    expect(formatMinorMoney(446_350, 'CAD', 'auto')).toBe('$4,463.50')
    expect(formatMinorMoney(384_250, 'CAD', 0)).toBe('$3,843')
  })
})
