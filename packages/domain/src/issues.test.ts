import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { safeParseWith } from './issues.ts'
import { SessionRecordCreateSchema } from './session-records/session-record.schema.ts'

const messages = (schema: z.ZodType, input: unknown) => {
  const r = safeParseWith(schema, input)
  return r.success ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
}

describe('problems in words a person uses', () => {
  it('never says "expected true, got false" or "Invalid ISO date"', () => {
    const got = messages(SessionRecordCreateSchema, {
      locationId: '00000000-0000-4000-8000-000000000001',
      practitionerId: 'someone',
      sessionIndex: 1,
      performedAt: 'yesterday',
      areas: ['hairline'],
      needles: [{ configuration: '1RL 0.20', lot: 'N-1', expiresOn: '30/06/2027', singleUseConfirmed: false }],
      pigments: [{ brand: 'PB', shade: 'Charcoal', dilution: '1:25', lot: 'P-1', expiresOn: '' }],
    })
    expect(got).toEqual([
      'practitionerId: expected an id of a record (a UUID), got "someone"',
      'performedAt: expected a date and time like 2026-11-23T15:00:00-05:00, got "yesterday"',
      'needles[0].expiresOn: expected a date like 2026-11-23, got "30/06/2027"',
      'needles[0].singleUseConfirmed: confirm that a new sealed single-use cartridge was used',
      'pigments[0].expiresOn: expected a date like 2026-11-23, got an empty text',
    ])
    for (const m of got) expect(m).not.toMatch(/Invalid|expected true|got false/)
  })

  it('keeps a message written for the field and words zod’s own', () => {
    expect(messages(z.object({ ok: z.literal(true) }), { ok: false })).toEqual(['ok: must be confirmed (ticked)'])
    expect(messages(z.object({ n: z.number() }), { n: 'five' })).toEqual(['n: expected a number, got "five"'])
    expect(messages(z.object({ name: z.string().min(1) }), { name: '' })).toEqual([
      'name: required: it cannot be empty',
    ])
    expect(messages(z.object({ b: z.boolean() }), { b: 'yes' })).toEqual(['b: expected yes or no, got "yes"'])
    expect(messages(z.object({ e: z.email() }), { e: 'me' })).toEqual([
      'e: expected an email address like name@example.com, got "me"',
    ])
    expect(messages(z.object({ code: z.string().regex(/^a/, 'starts with a') }), { code: 'b' })).toEqual([
      'code: starts with a',
    ])
  })
})
