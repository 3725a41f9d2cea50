import { describe, expect, it } from 'vitest'
import { safeParseWith } from '../issues.ts'
import { SessionRecordCreateSchema } from '../session-records/session-record.schema.ts'
import { ClientCreateSchema, ClientUpdateSchema } from './client.schema.ts'

describe('client schemas', () => {
  it('accepts names in any script with apostrophes and hyphens, and refuses markup and SQL punctuation', () => {
    for (const givenName of ['Seán', 'Zoë', 'Jean-Luc', "D'Arcy", '李', 'Ngũgĩ']) {
      expect(safeParseWith(ClientCreateSchema, { givenName, familyName: 'X' }).success, givenName).toBe(true)
    }
    for (const givenName of ['<script>', "x'); drop table clients;--", '', ' ']) {
      const r = safeParseWith(ClientCreateSchema, { givenName, familyName: 'X' })
      expect(r.success ? [] : [...new Set(r.issues.map((i) => i.path))], givenName).toEqual(['givenName'])
    }
  })

  it('reports unknown fields by name and refuses an empty update', () => {
    const r = safeParseWith(ClientCreateSchema, { givenName: 'A', familyName: 'B', ssn: '1' })
    expect(r).toEqual({ success: false, issues: [{ path: 'ssn', message: 'unknown field' }] })
    expect(safeParseWith(ClientUpdateSchema, {}).success).toBe(false)
    expect(safeParseWith(ClientUpdateSchema, { phone: null }).success).toBe(true)
  })
})

describe('session record schema', () => {
  const valid = {
    locationId: '00000000-0000-4000-8000-000000000001',
    practitionerId: '00000000-0000-4000-8000-000000000002',
    sessionIndex: 1,
    performedAt: '2026-11-20T15:00:00-05:00',
    areas: ['hairline'],
    needles: [{ configuration: '1RL 0.20', lot: 'N-1', singleUseConfirmed: true }],
    pigments: [{ brand: 'B', shade: 'S', dilution: '1:25', lot: 'P-1', expiresOn: '2027-01-01' }],
  }

  it('accepts a minimal record and requires confirmation of a single-use cartridge', () => {
    expect(safeParseWith(SessionRecordCreateSchema, valid).success).toBe(true)
    const r = safeParseWith(SessionRecordCreateSchema, {
      ...valid,
      needles: [{ configuration: '1RL', lot: 'N-1', singleUseConfirmed: false }],
    })
    expect(r.success ? [] : r.issues.map((i) => i.path)).toEqual(['needles[0].singleUseConfirmed'])
  })

  it('needs at least one needle and one pigment, with a dilution and a lot code', () => {
    const r = safeParseWith(SessionRecordCreateSchema, {
      ...valid,
      needles: [],
      pigments: [{ ...valid.pigments[0], dilution: 'a bit', lot: '; drop' }],
    })
    expect(r.success ? [] : r.issues.map((i) => i.path).sort()).toEqual([
      'needles',
      'pigments[0].dilution',
      'pigments[0].lot',
    ])
  })
})
