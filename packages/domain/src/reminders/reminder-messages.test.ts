import { describe, expect, it } from 'vitest'
import { aftercareDays, aftercareText, careOnDay, courseCare, precareText } from './reminder-messages.ts'

const facts = { fitzpatrick: 3, minoxidil: false, shaved: true }

describe('aftercare timed from a session (DOMAIN §6.3)', () => {
  it('emails on the session day and the day after each rule of that session ends, before the next session', () => {
    const care = courseCare(facts, [0, 14])
    // dry 4 days → day 5; sweat and products 5 → day 6; the short sun spell on day 5 → day 6; scabs and shaving 7 → day 8
    expect(aftercareDays(care.aftercare, 0, 14)).toEqual([0, 5, 6, 8])
    // the second session counts from its own day; the final one adds the 28-day pool and sun rules
    expect(aftercareDays(care.aftercare, 14, null)).toEqual([0, 5, 6, 8, 29])
  })

  it('knows which rules apply on a day, inclusive of the last day', () => {
    const care = courseCare(facts, [0, 14])
    const dry = (day: number) =>
      careOnDay(care.aftercare, day).some((i) => i.instruction.includes('keep your scalp dry'))
    expect([0, 4, 5].map(dry)).toEqual([true, true, false])
    expect(careOnDay(care.aftercare, 100)).toEqual([])
  })

  it('gives fair skin 45 minutes of sun on day 5 and others an hour', () => {
    const sun = (fitzpatrick: number) =>
      careOnDay(courseCare({ ...facts, fitzpatrick }, [0]).aftercare, 5)
        .map((i) => i.instruction)
        .find((t) => t.includes('short spells of sun'))
    expect(sun(1)).toContain('45 minutes')
    expect(sun(4)).toContain('an hour')
  })

  it('asks a minoxidil user to wait a week after the final session', () => {
    const withMinoxidil = courseCare({ ...facts, minoxidil: true }, [0]).aftercare.map((i) => i.instruction)
    const without = courseCare(facts, [0]).aftercare.map((i) => i.instruction)
    expect(withMinoxidil.some((t) => t.includes('minoxidil'))).toBe(true)
    expect(without.some((t) => t.includes('minoxidil'))).toBe(false)
  })

  it('says what has finished and what still applies, with the last day of each', () => {
    const care = courseCare(facts, [0, 14])
    const text = aftercareText({
      clientName: 'Sam',
      clinicName: 'Northline',
      dayAfterSession: 5,
      sessionIndex: 1,
      sessionDay: 0,
      today: careOnDay(care.aftercare, 5),
      finished: careOnDay(care.aftercare, 4).filter((i) => !careOnDay(care.aftercare, 5).includes(i)),
    })
    expect(text.subject).toBe('Aftercare: 5 days after session 1')
    const lists = text.blocks.filter((b) => b.kind === 'list')
    expect(lists).toHaveLength(2)
    expect(lists[0]?.items.some((i) => i.includes('keep your scalp dry'))).toBe(true)
    expect(lists[1]?.items).toContain(
      'After session 1: no gym, running or anything that makes you sweat. (today is the last day)'
    )
  })
})

describe('pre-care (DOMAIN §6.1, §6.2)', () => {
  it('covers minoxidil, blood thinners without stopping prescribed ones, and a clean scalp', () => {
    const items = precareText({ clientName: 'Sam', when: 'Monday 7 December 2026, 10:00 EST' }).blocks.flatMap((b) =>
      b.kind === 'list' ? b.items : []
    )
    expect(items.some((i) => i.includes('minoxidil'))).toBe(true)
    expect(
      items.some((i) => i.includes('aspirin or ibuprofen') && i.includes('do not stop it without your doctor'))
    ).toBe(true)
    expect(items.some((i) => i.includes('clean scalp'))).toBe(true)
  })
})
