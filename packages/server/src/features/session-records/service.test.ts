import type { SessionRecordCreate } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { expiredLotProblems, localDate } from './service.ts'

describe('expired lots', () => {
  it("dates a session by the location's calendar, not UTC's", () => {
    expect(localDate(new Date('2026-11-21T01:00:00Z'), 'America/Toronto')).toBe('2026-11-20')
    expect(localDate(new Date('2026-11-21T01:00:00Z'), 'Europe/London')).toBe('2026-11-21')
    // the night the clocks go back in Toronto
    expect(localDate(new Date('2026-11-01T05:30:00Z'), 'America/Toronto')).toBe('2026-11-01')
  })

  it('names every lot that expired before the session day, and accepts one expiring that day', () => {
    const input = {
      pigments: [
        { brand: 'A', shade: 'B', dilution: 'neat', lot: 'P1', expiresOn: '2026-11-20' },
        { brand: 'A', shade: 'B', dilution: 'neat', lot: 'P2', expiresOn: '2026-11-19' },
      ],
      needles: [
        { configuration: '1RL', lot: 'N1', singleUseConfirmed: true },
        { configuration: '3RL', lot: 'N2', expiresOn: '2025-01-01', singleUseConfirmed: true },
      ],
    } as unknown as SessionRecordCreate // only the lots matter here
    expect(expiredLotProblems(input, '2026-11-20').map((p) => p.path)).toEqual([
      'body.pigments[1].expiresOn',
      'body.needles[1].expiresOn',
    ])
  })
})
