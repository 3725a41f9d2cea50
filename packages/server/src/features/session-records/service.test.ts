import { localDate, type SessionRecordCreate } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { checkLots } from './service.ts'

describe('expired lots', () => {
  it("dates a session by the location's calendar, not UTC's", () => {
    expect(localDate(new Date('2026-11-21T01:00:00Z'), 'America/Toronto')).toBe('2026-11-20')
    expect(localDate(new Date('2026-11-21T01:00:00Z'), 'Europe/London')).toBe('2026-11-21')
    // the night the clocks go back in Toronto
    expect(localDate(new Date('2026-11-01T05:30:00Z'), 'America/Toronto')).toBe('2026-11-01')
  })

  it('refuses a lot the register does not hold, one that differs from it, and one expired on the session day', () => {
    const input = {
      pigments: [
        { brand: 'Perma Blend', shade: 'SMP Charcoal', dilution: 'neat', lot: 'p1', expiresOn: '2026-11-20' },
        { brand: 'Perma Blend', shade: 'SMP Charcoal', dilution: 'neat', lot: 'P2', expiresOn: '2026-11-19' },
        { brand: 'Perma Blend', shade: 'SMP Charcoal', dilution: 'neat', lot: 'P3', expiresOn: '2027-01-01' },
      ],
      needles: [
        { configuration: '1RL 0.20', lot: 'N1', singleUseConfirmed: true },
        { configuration: '3RL 0.25', lot: 'N2', singleUseConfirmed: true },
      ],
    } as unknown as SessionRecordCreate // only the lots matter here
    const lot = (id: string, code: string, expires: string, more: Record<string, string | null>) => ({
      id,
      lot: code,
      expires_on: expires,
      brand: 'Perma Blend',
      shade: null,
      configuration: null,
      ...more,
    })
    const pigments = [
      lot('a', 'P1', '2026-11-20', { shade: 'SMP Charcoal' }),
      lot('b', 'P2', '2026-11-19', { shade: 'SMP Charcoal' }),
    ]
    const needles = [lot('c', 'N1', '2027-06-30', { brand: 'Kwadron', configuration: '1RL 0.20' })]
    const checked = checkLots(input, '2026-11-20', 'Toronto', pigments, needles)
    expect(checked.pigmentLots).toEqual(['a', 'b', ''])
    expect(checked.needleLots).toEqual(['c', ''])
    expect(checked.problems).toEqual([
      {
        path: 'body.pigments[1].lot',
        message: 'pigment lot P2 expired on 2026-11-19, before the session on 2026-11-20; do not use it',
      },
      {
        path: 'body.pigments[2].lot',
        message:
          'pigment lot P3 is not in the lots register of Toronto: add it (brand, shade, lot, expiry) before using it',
      },
      {
        path: 'body.needles[1].lot',
        message:
          'needle lot N2 is not in the lots register of Toronto: add it (maker, configuration, lot, expiry) before using it',
      },
    ])
  })
})
