import { describe, expect, it } from 'vitest'
import { courseCare } from '../reminders/reminder-messages.ts'
import { careInWords, formatDate, formatDuration, formatMinorMoney, formatMoney, winAnsi } from './take-home.ts'

describe('money, dates and durations in words', () => {
  it('writes money with the currency the client recognises and two decimals', () => {
    expect(formatMoney(3842, 'CAD')).toBe('CA$3,842.00')
    expect(formatMoney(12.3, 'GBP')).toBe('£12.30')
    expect(formatMoney(1000000.5, 'USD')).toBe('US$1,000,000.50')
    expect(formatMoney(99, 'EUR')).toBe('EUR 99.00')
  })

  it('writes minor units exactly as the same amount in major units', () => {
    for (const minor of [0, 1, 10, 99, 1230, 384_200, 123_456_789, 29_999]) {
      expect(formatMinorMoney(minor, 'CAD')).toBe(formatMoney(Number((minor / 100).toFixed(2)), 'CAD'))
    }
    expect(formatMinorMoney(384_207, 'GBP')).toBe('£3,842.07')
  })

  it('writes calendar dates without shifting them by the time zone, and durations in hours and minutes', () => {
    expect(formatDate('2026-12-07')).toBe('Mon, 7 Dec 2026')
    expect(formatDate('2027-01-01')).toBe('Fri, 1 Jan 2027')
    expect([45, 60, 185].map(formatDuration)).toEqual(['0 h 45 min', '1 h 00 min', '3 h 05 min'])
  })
})

describe('WinAnsi-safe text', () => {
  it('keeps Latin-1, dashes, quotes and the pound and euro signs; spells out or marks the rest', () => {
    expect(winAnsi('Zoë’s crown – 30 cm² · £12 €5 “ok”')).toBe('Zoë’s crown – 30 cm² · £12 €5 “ok”')
    expect(winAnsi('≤ 2 → ≥ 1')).toBe('at most  2 -> at least  1')
    expect(winAnsi('Łukasz 李 😀')).toBe('?ukasz ? ??')
  })
})

describe('care in words', () => {
  const care = courseCare({ fitzpatrick: 3, minoxidil: true, shaved: true }, [0, 14, 28])

  it("words session 1's rules for every session, and the final session's own rules", () => {
    const words = careInWords(care)
    expect(words.before.map((l) => l.label)).toEqual(['1–2 days before', 'The day before'])
    expect(words.before[1]?.text).toMatch(/^No alcohol or caffeine/)
    expect(words.after.map((l) => l.label)).toEqual([
      'Days 0–4',
      'Days 0–4',
      'Days 0–5',
      'Days 0–5',
      'Days 0–7',
      'Days 0–7',
      'Days 0–14',
      'Day 5',
    ])
    expect(words.after.every((l) => !/session/i.test(l.text.slice(0, 12)))).toBe(true)
    expect(words.after.map((l) => l.text)).toContain(
      "Don't pick or scratch the little scabs: the pigment comes out with them."
    )
    expect(words.afterFinal.map((l) => [l.label, l.fromDay])).toEqual([
      ['Days 0–7', 28],
      ['Days 0–28', 28],
      ['Days 0–28', 28],
    ])
    expect(words.afterFinal[0]?.text).toMatch(/^Wait at least 7 days/)
  })

  it('has no between-sessions rule for a single session, and every line comes from a rule of the care', () => {
    const one = careInWords(courseCare({ fitzpatrick: 2, minoxidil: false, shaved: false }, [0]))
    expect(one.before.map((l) => l.label)).toEqual(['The day before'])
    expect(one.after.some((l) => /next session/.test(l.text))).toBe(false)
    expect(one.afterFinal.length).toBe(2)
  })
})
