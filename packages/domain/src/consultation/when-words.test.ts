import { describe, expect, it } from 'vitest'
import { dateWords, instantTimeWords, instantWords, timeWords, whenWords } from './when-words.ts'

describe('dates and times in words', () => {
  it('words a date, a time and both the way screens do', () => {
    expect(dateWords('2026-12-08')).toBe('Tue, Dec 8, 2026')
    expect(timeWords('07:00')).toBe('7:00 a.m.')
    expect(timeWords('12:30')).toBe('12:30 p.m.')
    expect(timeWords('00:15')).toBe('12:15 a.m.')
    expect(timeWords('24:00')).toBe('12:00 a.m.')
    expect(whenWords({ date: '2026-12-08', time: '19:45' })).toBe('Tue, Dec 8, 2026, 7:45 p.m.')
  })

  it("words an instant on the location's wall clock, on both sides of a clock change", () => {
    // 12:00 UTC is 7:00 a.m. in Toronto in December (UTC−5) and 8:00 a.m. in June (UTC−4)
    expect(instantWords(Date.parse('2026-12-08T12:00:00Z'), 'America/Toronto')).toBe('Tue, Dec 8, 2026, 7:00 a.m.')
    expect(instantTimeWords(Date.parse('2027-06-08T12:00:00Z'), 'America/Toronto')).toBe('8:00 a.m.')
    expect(instantTimeWords(Date.parse('2027-06-08T12:00:00Z'), 'America/Vancouver')).toBe('5:00 a.m.')
  })
})
