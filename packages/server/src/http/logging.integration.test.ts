// The log: JSON lines with the request's id on every line; an internal error is logged with its stack under the id
// the problem body and the x-request-id header give; secrets and health data never reach a line.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, PASSWORD, type TestClinic, type TestServer } from '../test/harness.ts'

describeEachDatabase('the server log', (database) => {
  let server: TestServer
  let clinic: TestClinic
  const lines: string[] = []
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>)
  beforeAll(async () => {
    server = await openTestServer(database(), { logger: { write: (line) => lines.push(line) } })
    clinic = await createTestClinic(server, 'Log Clinic')
  })
  afterAll(async () => {
    await server.close()
  })

  it('logs an internal error with its request id, the id the problem body and header give', async () => {
    // a database that lost a table: the route fails in a way no input causes
    await sql`alter table practitioner_credentials rename to practitioner_credentials_gone`.execute(server.db)
    try {
      const res = await as(server, clinic.users.owner)('GET', `/api/v1/clinics/${clinic.clinicId}/credentials`)
      expect(res.statusCode).toBe(500)
      const problem = res.json() as { requestId: string; detail: string }
      expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.headers['x-request-id']).toBe(problem.requestId)
      expect(problem.detail).toContain(problem.requestId)
      const ofRequest = entries().filter((e) => e.requestId === problem.requestId)
      const error = ofRequest.find((e) => e.msg === 'internal error')
      expect(error?.level).toBe(50)
      expect(JSON.stringify(error?.err)).toContain('practitioner_credentials')
      // the request's other lines carry the same id: in and out
      expect(ofRequest.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['incoming request', 'internal error', 'request completed'])
      )
    } finally {
      await sql`alter table practitioner_credentials_gone rename to practitioner_credentials`.execute(server.db)
    }
  })

  it('puts every line of the log on one JSON object with a request id when it belongs to a request', async () => {
    await as(server, clinic.users.owner)('GET', `/api/v1/clinics/${clinic.clinicId}/clients`)
    const requestLines = entries().filter((e) => e.req !== undefined || e.res !== undefined)
    expect(requestLines.length).toBeGreaterThan(4)
    for (const e of requestLines) expect(e.requestId).toEqual(expect.any(String))
  })

  it('never writes passwords, cookies, CSRF tokens, search text, booking tokens or request bodies', async () => {
    lines.length = 0
    const secretNote = 'Allergic to lidocaine, on isotretinoin'
    await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: clinic.users.owner.email, password: 'wrong-secret-guess' },
    })
    await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: clinic.users.owner.email, password: PASSWORD },
    })
    const owner = as(server, clinic.users.owner)
    await owner('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, { givenName: 'Ivy', familyName: 'Secretname' })
    await owner('GET', `/api/v1/clinics/${clinic.clinicId}/clients?q=Secretname`)
    await owner('POST', `/api/v1/clinics/${clinic.clinicId}/consent-templates`, {
      kind: 'privacy',
      title: 'Privacy',
      body: secretNote,
    })
    await server.app.inject({ method: 'GET', url: '/api/v1/public/bookings/abc123secrettoken.999.sig' })
    const log = lines.join('')
    expect(log.length).toBeGreaterThan(0)
    for (const secret of [
      'wrong-secret-guess',
      PASSWORD,
      clinic.users.owner.cookie.split('=')[1] ?? 'cookie',
      clinic.users.owner.csrf,
      'Secretname',
      secretNote,
      'abc123secrettoken',
    ]) {
      expect(log).not.toContain(secret)
    }
    expect(log).toContain('/api/v1/public/bookings/[token]')
  })
})
