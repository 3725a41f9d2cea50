// The consent, credential, laser-removal and public-site schemas: success and failure side by side, with the paths
// and plain messages the API reports.
import { describe, expect, it } from 'vitest'
import { safeParseWith } from '../issues.ts'
import { ConsentSignSchema, ConsentTemplateCreateSchema } from './consent.schema.ts'
import { CredentialCreateSchema, CredentialUpdateSchema, ExpiringCredentialsQuerySchema } from './credential.schema.ts'
import { LaserCourseCreateSchema, LaserSessionCreateSchema } from './laser-removal.schema.ts'
import { ClinicSlugSchema } from './public-site.schema.ts'

const ID = '3f2b8c1e-5d4a-4f6b-9c7d-2e1f0a9b8c7d'
const paths = (schema: Parameters<typeof safeParseWith>[0], input: unknown) => {
  const r = safeParseWith(schema, input)
  return r.success ? [] : r.issues.map((i) => i.path)
}

describe('consent templates', () => {
  it('accepts a kind, a title and a body of up to 20,000 characters', () => {
    expect(
      paths(ConsentTemplateCreateSchema, { kind: 'laser-removal', title: 'Laser', body: 'x'.repeat(20_000) })
    ).toEqual([])
  })
  it('refuses an unknown kind, an empty title, a longer body and unknown fields', () => {
    expect(
      paths(ConsentTemplateCreateSchema, { kind: 'data-processing', title: ' ', body: 'x'.repeat(20_001), version: 2 })
    ).toEqual(['kind', 'title', 'body', 'version'])
  })
})

describe('typed text', () => {
  it('refuses NUL and other control characters (PostgreSQL cannot store NUL) but keeps tabs and line breaks', () => {
    expect(paths(ConsentTemplateCreateSchema, { kind: 'privacy', title: 'A\u0000B', body: 'x\u001by' })).toEqual([
      'title',
      'body',
    ])
    expect(paths(LaserSessionCreateSchema, { performedOn: '2026-11-20', provider: 'Dr\u007fLee' })).toEqual([
      'provider',
    ])
    expect(
      paths(ConsentTemplateCreateSchema, { kind: 'privacy', title: 'Title', body: 'Line one\n\tLine two\r\n' })
    ).toEqual([])
  })
})

describe('signing', () => {
  it('accepts a name with accents and apostrophes and a base64 PNG', () => {
    expect(
      paths(ConsentSignSchema, {
        templateVersionId: ID,
        signerName: "Zoë O'Brien-Núñez",
        signatureImage: 'iVBORw0KGgo=',
      })
    ).toEqual([])
  })
  it('refuses markup in the name, a data: URL and a signature over 200 KB', () => {
    expect(
      paths(ConsentSignSchema, {
        templateVersionId: 'nope',
        signerName: '<b>Zoë</b>',
        signatureImage: 'data:image/png;base64,iVBO',
      })
    ).toEqual(['templateVersionId', 'signerName', 'signatureImage'])
    expect(
      paths(ConsentSignSchema, { templateVersionId: ID, signerName: 'Zoë', signatureImage: 'A'.repeat(273_072) })
    ).toEqual(['signatureImage'])
  })
})

describe('credentials', () => {
  const valid = { membershipId: ID, kind: 'licence', title: 'Body art', issuer: 'City' }
  it('defaults public to false and allows no expiry', () => {
    const r = safeParseWith(CredentialCreateSchema, valid)
    expect(r.success && r.data.public).toBe(false)
  })
  it('refuses an expiry before the issue date, at expiresOn', () => {
    expect(paths(CredentialCreateSchema, { ...valid, issuedOn: '2026-05-01', expiresOn: '2026-04-30' })).toEqual([
      'expiresOn',
    ])
    expect(paths(CredentialUpdateSchema, { issuedOn: '2026-05-01', expiresOn: '2026-04-30' })).toEqual(['expiresOn'])
  })
  it('refuses an empty update', () => {
    expect(paths(CredentialUpdateSchema, {})).toEqual([''])
  })
  it('reads withinDays from the query: 60 by default, 0 to 365', () => {
    const r = safeParseWith(ExpiringCredentialsQuerySchema, {})
    expect(r.success && r.data.withinDays).toBe(60)
    expect(paths(ExpiringCredentialsQuerySchema, { withinDays: '366' })).toEqual(['withinDays'])
    expect(paths(ExpiringCredentialsQuerySchema, { withinDays: '0' })).toEqual([])
  })
})

describe('laser removal', () => {
  it('accepts a course of 1 to 20 planned sessions', () => {
    const course = { reason: 'Too dark', provider: 'clinic', sessionsPlanned: 2, startedOn: '2026-11-01' }
    expect(paths(LaserCourseCreateSchema, course)).toEqual([])
    expect(paths(LaserCourseCreateSchema, { ...course, sessionsPlanned: 21 })).toEqual(['sessionsPlanned'])
    expect(paths(LaserCourseCreateSchema, { ...course, provider: 'spa' })).toEqual(['provider'])
  })
  it('keeps session notes to 2,000 characters and checks the adverse event', () => {
    const session = { performedOn: '2026-11-20', provider: 'Dr Lee', notes: 'x'.repeat(2001) }
    expect(paths(LaserSessionCreateSchema, session)).toEqual(['notes'])
    expect(
      paths(LaserSessionCreateSchema, { ...session, notes: 'ok', adverseEvent: { kind: 'burn', severity: 'mild' } })
    ).toEqual(['adverseEvent.kind', 'adverseEvent.description'])
  })
})

describe('clinic slugs', () => {
  it('are lower-case letters, digits and hyphens', () => {
    expect(paths(ClinicSlugSchema, 'northline-demo')).toEqual([])
    for (const bad of ['Northline', '-x', 'a b', 'x'.repeat(64)]) expect(paths(ClinicSlugSchema, bad)).toEqual([''])
  })
})
