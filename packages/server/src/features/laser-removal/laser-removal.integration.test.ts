// Laser-removal courses on PGlite and PostgreSQL: a course with its sessions, the SMP wait after the last session
// (DOMAIN §0: 90 days), status changes, clinical parts hidden from front desk, every read and write audited.
import { describeEachDatabase } from '@stipple/testkit'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { as, createTestClinic, openTestServer, type TestClinic, type TestServer } from '../../test/harness.ts'

describeEachDatabase('laser-removal courses', (database) => {
  let server: TestServer
  let clinic: TestClinic
  let other: TestClinic
  let base: string
  let courseId: string
  beforeAll(async () => {
    server = await openTestServer(database())
    clinic = await createTestClinic(server, 'Laser Clinic')
    other = await createTestClinic(server, 'Other Laser Clinic')
    const clientId = (
      await as(server, clinic.users.owner)('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, {
        givenName: 'Lee',
        familyName: 'Laser',
      })
    ).json().id
    base = `/api/v1/clinics/${clinic.clinicId}/clients/${clientId}/laser-removal-courses`
  })
  afterAll(async () => {
    await server.close()
  })
  const practitioner = () => as(server, clinic.users.practitioner)
  const count = async (table: 'laser_removal_courses' | 'laser_removal_sessions') =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(server.db)).rows[0]?.n)

  it('starts a course, records sessions in order and gives the day SMP may resume', async () => {
    const made = await practitioner()('POST', base, {
      reason: 'Hairline placed too low in 2019',
      provider: 'referral',
      referralName: 'Clear Skin Laser, Dr Okafor',
      sessionsPlanned: 2,
      startedOn: '2026-09-01',
      notes: 'Fitzpatrick III; test patch fine',
    })
    expect(made.statusCode, made.body).toBe(201)
    expect(made.json()).toMatchObject({
      status: 'active',
      provider: 'referral',
      sessionsPlanned: 2,
      sessions: [],
      smpNotBefore: null,
      clinical: { notes: 'Fitzpatrick III; test patch fine' },
    })
    courseId = made.json().id
    const second = await practitioner()('POST', `${base}/${courseId}/sessions`, {
      performedOn: '2026-10-27',
      provider: 'Dr Okafor',
      adverseEvent: { kind: 'blistering', severity: 'mild', description: 'Two small blisters, left temple' },
    })
    expect(second.statusCode, second.body).toBe(201)
    const first = await practitioner()('POST', `${base}/${courseId}/sessions`, {
      performedOn: '2026-09-01',
      provider: 'Dr Okafor',
      notes: '1064 nm picosecond, 3 mm spot',
    })
    const course = first.json()
    expect(course.sessions.map((s: { index: number; performedOn: string }) => [s.index, s.performedOn])).toEqual([
      [1, '2026-09-01'],
      [2, '2026-10-27'],
    ])
    expect(course.sessions[1].clinical.adverseEvent).toEqual({
      kind: 'blistering',
      severity: 'mild',
      description: 'Two small blisters, left temple',
    })
    // 90 days after the last session, 2026-10-27
    expect(course.smpNotBefore).toBe('2027-01-25')
  })

  it('hides notes and adverse events from front desk, who still sees the course', async () => {
    const list = await as(server, clinic.users.front_desk)('GET', base)
    expect(list.statusCode).toBe(200)
    const [course] = list.json().items
    expect(course.clinical).toBeNull()
    expect(course.sessions.map((s: { clinical: unknown }) => s.clinical)).toEqual([null, null])
    expect(list.body).not.toContain('Fitzpatrick')
    expect(list.body).not.toContain('blisters')
    const one = await as(server, clinic.users.front_desk)('GET', `${base}/${courseId}`)
    expect(one.json().clinical).toBeNull()
    const full = await as(server, clinic.users.owner)('GET', `${base}/${courseId}`)
    expect(full.json().clinical.notes).toContain('Fitzpatrick')
    for (const write of [
      () =>
        as(server, clinic.users.front_desk)('POST', `${base}/${courseId}/sessions`, {
          performedOn: '2026-11-01',
          provider: 'X',
        }),
      () => as(server, clinic.users.front_desk)('PATCH', `${base}/${courseId}`, { status: 'completed' }),
    ])
      expect((await write()).statusCode).toBe(403)
  })

  it('completes a course, refuses more sessions until it is active again, and audits each change', async () => {
    const done = await practitioner()('PATCH', `${base}/${courseId}`, { status: 'completed' })
    expect(done.json()).toMatchObject({ status: 'completed' })
    expect(done.json().statusChangedAt).not.toBeNull()
    const before = await count('laser_removal_sessions')
    const refused = await practitioner()('POST', `${base}/${courseId}/sessions`, {
      performedOn: '2026-11-20',
      provider: 'Dr Okafor',
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail ?? refused.json().title).toMatch(/completed/)
    expect(await count('laser_removal_sessions')).toBe(before)
    await practitioner()('PATCH', `${base}/${courseId}`, { status: 'active' })
    const entries = await server.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', 'like', 'laser-removal%')
      .orderBy('id')
      .execute()
    expect(entries.map((e) => `${e.action} ${e.entity}`)).toEqual([
      'create laser-removal-course',
      'create laser-removal-session',
      'create laser-removal-session',
      'read laser-removal-course-list',
      'read laser-removal-course',
      'read laser-removal-course',
      'update laser-removal-course',
      'update laser-removal-course',
    ])
  })

  it('refuses a referral without a name, a session before the start, and too many planned sessions, writing nothing', async () => {
    const courses = await count('laser_removal_courses')
    const noName = await practitioner()('POST', base, {
      reason: 'x',
      provider: 'referral',
      sessionsPlanned: 2,
      startedOn: '2026-09-01',
    })
    expect(noName.statusCode).toBe(400)
    expect(noName.json().errors[0].path).toBe('body.referralName')
    const tooMany = await practitioner()('POST', base, {
      reason: 'x',
      provider: 'clinic',
      sessionsPlanned: 21,
      startedOn: '2026-09-01',
    })
    expect(tooMany.json().errors[0]).toEqual({ path: 'body.sessionsPlanned', message: 'must be at most 20' })
    const early = await practitioner()('POST', `${base}/${courseId}/sessions`, {
      performedOn: '2026-08-01',
      provider: 'X',
    })
    expect(early.statusCode).toBe(400)
    expect(early.json().errors[0].path).toBe('body.performedOn')
    expect(await count('laser_removal_courses')).toBe(courses)
  })

  it("blanks the course's free text when the client is erased, keeping dates, provider and adverse-event kinds", async () => {
    const owner = as(server, clinic.users.owner)
    const id = (
      await owner('POST', `/api/v1/clinics/${clinic.clinicId}/clients`, { givenName: 'Eve', familyName: 'Erase' })
    ).json().id
    const courses = `/api/v1/clinics/${clinic.clinicId}/clients/${id}/laser-removal-courses`
    const course = (
      await owner('POST', courses, {
        reason: 'Eve Erase wants her 2019 hairline gone',
        provider: 'clinic',
        sessionsPlanned: 2,
        startedOn: '2026-09-01',
        notes: 'Lives with her sister on Queen St',
      })
    ).json()
    await owner('POST', `${courses}/${course.id}/sessions`, {
      performedOn: '2026-09-01',
      provider: 'Dr Lee',
      notes: 'Eve was anxious',
      adverseEvent: { kind: 'blistering', severity: 'mild', description: 'Blisters; Eve called at home' },
    })
    const erased = await owner('POST', `/api/v1/clinics/${clinic.clinicId}/clients/${id}/erase`, { reason: 'request' })
    expect(erased.statusCode, erased.body).toBe(200)
    const row = await server.db
      .selectFrom('laser_removal_courses')
      .select(['reason', 'notes', 'provider', 'started_on', 'sessions_planned'])
      .where('id', '=', course.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      reason: 'Erased with the client',
      notes: null,
      provider: 'clinic',
      started_on: '2026-09-01',
      sessions_planned: 2,
    })
    const session = await server.db
      .selectFrom('laser_removal_sessions')
      .select(['notes', 'adverse_event', 'performed_on'])
      .where('course_id', '=', course.id)
      .executeTakeFirstOrThrow()
    expect(session).toEqual({
      notes: null,
      adverse_event: { kind: 'blistering', severity: 'mild', description: 'Erased with the client' },
      performed_on: '2026-09-01',
    })
    // the other client's course is untouched
    const kept = await server.db
      .selectFrom('laser_removal_courses')
      .select('notes')
      .where('id', '=', courseId)
      .executeTakeFirstOrThrow()
    expect(kept.notes).toContain('Fitzpatrick')
    expect((await owner('GET', courses)).statusCode).toBe(404)
  })

  it("gives 404 for another clinic's course, client or clinic", async () => {
    const theirs = await as(server, other.users.practitioner)('GET', base.replace(clinic.clinicId, other.clinicId))
    expect(theirs.statusCode).toBe(404)
    const outsider = await as(server, other.users.owner)('GET', `${base}/${courseId}`)
    expect(outsider.statusCode).toBe(404)
    const unknownCourse = await practitioner()('GET', `${base}/00000000-0000-4000-8000-000000000000`)
    expect(unknownCourse.statusCode).toBe(404)
  })
})
