// The plan and quote PDF over HTTP: the portal client downloads their own plan's PDF and staff any client's, with the
// same figures the JSON routes give, the previews embedded, the booked course dates and the care in the domain's words;
// another client and another clinic get 404, and every download is audited.
import { execFileSync } from 'node:child_process'
import { formatDate, formatMinorMoney, instantToZoned } from '@stipple/domain'
import { describeEachDatabase } from '@stipple/testkit'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  as,
  createTestClinic,
  openTestServer,
  readyForSessions,
  signIn,
  type TestClinic,
  type TestServer,
  type TestUser,
  validSession,
} from '../../test/harness.ts'

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' })
const imagesIn = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length

const INTAKE = {
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 44, fitzpatrick: 3, hairColor: 'dark-brown', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: 'IV' },
  medical: { medications: [{ name: 'minoxidil', lastDoseDaysAgo: 30 }] },
}
const WEEK = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]]))

describeEachDatabase('the plan and quote PDF', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let elsewhere: TestClinic
  let base: string
  let clientId: string
  let planId: string
  let otherClient: TestUser
  let secondSession: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Pdf Clinic')
    elsewhere = await createTestClinic(server, 'Other Pdf Clinic')
    base = `/api/v1/clinics/${clinic.clinicId}`
    const owner = as(server, clinic.users.owner)
    clientId = (await owner('POST', `${base}/clients`, { givenName: 'Paula', familyName: 'Pdfson' })).json().id
    await server.db
      .updateTable('clients')
      .set({ user_id: clinic.users.client.userId })
      .where('id', '=', clientId)
      .execute()
    const intake = await owner('POST', `${base}/clients/${clientId}/intakes`, { document: INTAKE })
    expect(intake.statusCode, intake.body).toBe(201)
    const consulted = await owner('POST', `${base}/clients/${clientId}/consultations`, {
      intakeId: intake.json().id,
      locationId: clinic.locationId,
    })
    expect(consulted.statusCode, consulted.body).toBe(201)
    planId = consulted.json().planId
    // the course: every session booked at the clinic's location
    await server.db
      .updateTable('locations')
      .set({ opening_hours: JSON.stringify(WEEK) })
      .where('id', '=', clinic.locationId)
      .execute()
    await owner('POST', `${base}/locations/${clinic.locationId}/chairs`, { name: 'Chair 1' })
    const practitionerId = clinic.users.practitioner.membershipId
    await owner('PUT', `${base}/practitioners/${practitionerId}/locations/${clinic.locationId}`, { workingHours: WEEK })
    const course = await owner('POST', `${base}/clients/${clientId}/courses`, {
      treatmentPlanId: planId,
      locationId: clinic.locationId,
      practitionerId,
    })
    expect(course.statusCode, course.body).toBe(201)
    secondSession = course.json().sessions[1].startsAt
    // session 1 performed while this was the client's plan, recorded in the chair (no plan named)
    await server.db
      .updateTable('treatment_plans')
      .set({ created_at: '2026-11-02T15:00:00Z' })
      .where('id', '=', planId)
      .execute()
    await readyForSessions(server, clinic, clientId)
    const recorded = await as(server, clinic.users.practitioner)(
      'POST',
      `${base}/clients/${clientId}/sessions`,
      validSession(clinic, { performedAt: '2026-11-20T15:00:00-05:00' })
    )
    expect(recorded.statusCode, recorded.body).toBe(201)
    // a second client of the same clinic with a portal account of their own
    const other = await owner('POST', `${base}/clients`, {
      givenName: 'Otto',
      familyName: 'Other',
      email: `otto.${clinic.clinicId.slice(0, 8)}@example.com`,
    })
    const access = await owner('POST', `${base}/clients/${other.json().id}/portal-access`, {
      password: 'otto has a long password',
    })
    expect(access.statusCode, access.body).toBeLessThan(300)
    const email = `otto.${clinic.clinicId.slice(0, 8)}@example.com`
    otherClient = { ...clinic.users.client, email, ...(await signIn(server, email, 'otto has a long password')) }
  })
  afterAll(async () => {
    await server.close()
  })

  const audits = () =>
    server.db
      .selectFrom('audit_log')
      .select(['actor_role', 'action', 'client_id', 'detail'])
      .where('entity', '=', 'treatment-plan-pdf')
      .where('entity_id', '=', planId)
      .execute()

  it("gives the client their plan's PDF: the name, the quote's total as the JSON has it, the previews and the course", async () => {
    const [plan] = (await as(server, clinic.users.client)('GET', `${base}/portal/plans`)).json().items
    expect(plan.id).toBe(planId)
    const res = await as(server, clinic.users.client)('GET', `${base}/portal/plans/${planId}/pdf`)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const plannedOn = instantToZoned(Date.parse(plan.createdAt), 'America/Toronto').date
    expect(res.headers['content-disposition']).toBe(`attachment; filename="stipple-plan-${plannedOn}.pdf"`)
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // healed from above and the front, and five years on: each as the preview route draws it, marked "Simulated"
    expect(imagesIn(pdf)).toBe(3)
    const text = pdfText(pdf)
    expect(text).toContain('Paula Pdfson')
    expect(text).toContain('Pdf Clinic, Pdf Clinic main')
    expect(text).toContain('Simulated')
    expect(text).toMatch(
      new RegExp(`Total\\s+${formatMinorMoney(plan.quote.totalMinor, plan.quote.currency).replace(/[$.]/g, '\\$&')}`)
    )
    for (const line of plan.quote.lines) expect(text).toContain(formatMinorMoney(line.amountMinor, 'CAD'))
    expect(text).toContain(`${plan.plan.sessions.length} sessions, about ${plan.plan.spacingDays} days apart`)
    // session 1 as performed, session 2 as booked in the course, in the location's time zone
    expect(text).toContain('done on Fri, 20 Nov 2026')
    const second = instantToZoned(Date.parse(secondSession), 'America/Toronto')
    const time = `${String(Math.floor(second.minutes / 60)).padStart(2, '0')}:${String(second.minutes % 60).padStart(2, '0')}`
    expect(text).toContain(`${formatDate(second.date)}, ${time}`)
    // the care the client's emails give: minoxidil from the intake, the touch-up from the consultation
    expect(text).toMatch(/before using minoxidil again/)
    expect(text).toMatch(/Expect a touch-up after about [\d.]+ years/)
    expect(text).toContain('What to expect between sessions')
    const audited = await audits()
    expect(audited).toEqual([
      {
        actor_role: 'client',
        action: 'read',
        client_id: clientId,
        detail: { portal: true, quoteId: plan.quote.id },
      },
    ])
  })

  it("gives staff the client's PDF, without the intake's medication for front desk, audited as theirs", async () => {
    for (const role of ['owner', 'practitioner', 'front_desk'] as const) {
      const res = await as(server, clinic.users[role])('GET', `${base}/plans/${planId}/pdf`)
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="stipple-plan-\d{4}-\d{2}-\d{2}\.pdf"$/)
      const text = pdfText(res.rawPayload)
      expect(text).toContain('Paula Pdfson')
      // the intake's medication is clinical: front desk's copy leaves it out
      if (role === 'front_desk') {
        expect(text).not.toMatch(/minoxidil/i)
        expect(text).not.toMatch(/\btype (I|II|III|IV|V|VI)\b/)
        expect(text).toContain('General care every client gets')
      } else expect(text).toMatch(/before using minoxidil again/)
    }
    const roles = (await audits()).map((a) => a.actor_role)
    expect(roles.sort()).toEqual(['client', 'front_desk', 'owner', 'practitioner'])
  })

  it('one truth for the dates: the plan JSON, the portal and the PDF give each booked session its booked day', async () => {
    const course = await server.db
      .selectFrom('appointments as a')
      .innerJoin('courses as c', 'c.id', 'a.course_id')
      .select(['a.course_index', 'a.starts_at'])
      .where('c.treatment_plan_id', '=', planId)
      .orderBy('a.course_index')
      .execute()
    expect(course.length).toBeGreaterThan(1)
    const booked = course.map((a) => instantToZoned(a.starts_at.getTime(), 'America/Toronto').date)
    const staff = (await as(server, clinic.users.practitioner)('GET', `${base}/plans/${planId}`)).json()
    const portal = (await as(server, clinic.users.client)('GET', `${base}/portal/plans`)).json().items[0]
    for (const plan of [staff, portal]) {
      expect(plan.plan.sessions.map((s: { date: string }) => s.date)).toEqual(booked)
      expect(plan.plan.sessions.every((s: { dateSource: string }) => s.dateSource === 'booked')).toBe(true)
    }
    // the consultation proposed other days than the ones booked: the booked ones win everywhere
    const stored = await server.db
      .selectFrom('treatment_plans')
      .select('plan')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow()
    const proposed = (stored.plan as { sessions: { date: string }[] }).sessions.map((s) => s.date)
    expect(proposed).not.toEqual(booked)
    const text = pdfText((await as(server, clinic.users.owner)('GET', `${base}/plans/${planId}/pdf`)).rawPayload)
    for (const day of booked.slice(1)) expect(text).toContain(formatDate(day))
    for (const day of proposed.slice(1)) if (!booked.includes(day)) expect(text).not.toContain(formatDate(day))
  })

  it("refuses another client's plan (404) and the staff route to clients (403), writing no audit row", async () => {
    const before = (await audits()).length
    const own = await as(server, otherClient)('GET', `${base}/portal/plans`)
    expect(own.statusCode).toBe(200)
    expect(own.json().items).toEqual([])
    const res = await as(server, otherClient)('GET', `${base}/portal/plans/${planId}/pdf`)
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body).not.toContain('Pdfson')
    expect((await as(server, otherClient)('GET', `${base}/plans/${planId}/pdf`)).statusCode).toBe(403)
    expect((await as(server, clinic.users.client)('GET', `${base}/plans/${planId}/pdf`)).statusCode).toBe(403)
    // staff use the staff route; the portal route is the client's
    expect((await as(server, clinic.users.owner)('GET', `${base}/portal/plans/${planId}/pdf`)).statusCode).toBe(403)
    expect((await audits()).length).toBe(before)
  })

  it("gives another clinic's staff and clients 404, through their own clinic as well", async () => {
    const before = (await audits()).length
    for (const role of ['owner', 'practitioner', 'front_desk', 'client'] as const) {
      const user = as(server, elsewhere.users[role])
      for (const path of [`${base}/plans/${planId}/pdf`, `${base}/portal/plans/${planId}/pdf`]) {
        const res = await user('GET', path)
        expect({ role, path, status: res.statusCode }).toEqual({ role, path, status: 404 })
      }
    }
    const theirs = `/api/v1/clinics/${elsewhere.clinicId}`
    const res = await as(server, elsewhere.users.owner)('GET', `${theirs}/plans/${planId}/pdf`)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Pdfson')
    expect((await audits()).length).toBe(before)
  })

  it('makes the PDF of a plan without a design, saying there is nothing to preview', async () => {
    const source = await server.db
      .selectFrom('treatment_plans')
      .select('plan')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow()
    const bare = await server.db
      .insertInto('treatment_plans')
      .values({ clinic_id: clinic.clinicId, client_id: clientId, plan: JSON.stringify(source.plan) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const res = await as(server, clinic.users.practitioner)('GET', `${base}/plans/${bare.id}/pdf`)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    expect(imagesIn(res.rawPayload)).toBe(0)
    const text = pdfText(res.rawPayload)
    expect(text).toContain('This plan has no design to preview.')
    // session 1 was performed before this plan was made: it belongs to the plan of then
    expect(text).not.toContain('done on')
    expect(text).toContain('not booked yet')
    expect(text).toContain('The clinic has not added a quote to this plan yet.')
    expect(text).toContain('Paula Pdfson')
  })

  it('answers 404 for a plan that does not exist or an id that is not one', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-plan']) {
      expect((await as(server, clinic.users.owner)('GET', `${base}/plans/${id}/pdf`)).statusCode).toBe(404)
      expect((await as(server, clinic.users.client)('GET', `${base}/portal/plans/${id}/pdf`)).statusCode).toBe(404)
    }
  })
})
