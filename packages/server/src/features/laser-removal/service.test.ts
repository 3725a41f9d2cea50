// The earliest day SMP may be done again after laser removal: 90 days after the last session (DOMAIN §0, [INKD]).
import { describe, expect, it } from 'vitest'
import { smpNotBefore } from './service.ts'

const on = (performedOn: string) => ({
  id: performedOn,
  courseId: 'c',
  index: 1,
  performedOn,
  provider: 'Dr Lee',
  notes: null,
  adverseEvent: null,
  createdBy: 'm',
  createdAt: `${performedOn}T12:00:00.000Z`,
})

describe('smpNotBefore', () => {
  it('is null before any session', () => {
    expect(smpNotBefore({ sessions: [] })).toBeNull()
  })
  it('counts 90 days from the latest session, whatever the order given', () => {
    expect(smpNotBefore({ sessions: [on('2026-10-27'), on('2026-09-01')] })).toBe('2027-01-25')
  })
  it('crosses a leap day', () => {
    expect(smpNotBefore({ sessions: [on('2027-12-31')] })).toBe('2028-03-30')
  })
})
