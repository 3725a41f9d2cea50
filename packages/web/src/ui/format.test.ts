import { describe, expect, it } from 'vitest'
import { formatLocal, formatLocalDate, formatLocalTime } from './format.ts'

describe('server-computed local times', () => {
  it('shows the date and time as given, whatever zone the browser is in', () => {
    expect(formatLocalDate('2026-12-07')).toContain('Dec')
    expect(formatLocalDate('2026-12-07')).toContain('7')
    expect(formatLocalTime('14:30')).toMatch(/^2:30\sp\.m\.$/)
    expect(formatLocalTime('00:05')).toMatch(/^12:05\sa\.m\.$/)
    expect(formatLocal({ date: '2026-03-08', time: '02:30' })).toMatch(/Mar.*8.*2026, 2:30\sa\.m\.$/)
  })
})
