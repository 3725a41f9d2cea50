// Courses through the API on both databases: kept within their spacing after a deferral, refused while a deferral
// is open or without a consultation, and touch-up proposals at the longevity estimate.
import { describeEachDatabase } from '@stipple/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { bookingClinic } from '../../test/booking-clinic.ts'
import type { TestClinic, TestServer } from '../../test/harness.ts'
import { planDocument } from '../../test/plan-document.ts'

const DAY = 86_400_000
const dayOf = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY)
/** Local date in Toronto of an instant. */
const torontoDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Toronto',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso))

describeEachDatabase('booking: courses', (database) => {
  const { f, desk, newClient } = bookingClinic(database)
  let server: TestServer
  let clinic: TestClinic
  let base: string
  let chairs: string[]
  beforeAll(() => {
    ;({ server, clinic, base, chairs } = f)
  })

  describe('courses', () => {
    let courseClient: string
    let planId: string
    const deferredUntil = '2027-06-10'

    beforeAll(async () => {
      courseClient = await newClient('Corey', 'Course')
      const intake = await server.db
        .insertInto('intakes')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          version: 1,
          schema: 'stipple.intake/v1',
          document: JSON.stringify({}),
          recorded_by: clinic.users.practitioner.membershipId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await server.db
        .insertInto('consultations')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          intake_id: intake.id,
          practitioner_id: clinic.users.practitioner.membershipId,
          screening_status: 'defer',
          screening: JSON.stringify({
            status: 'defer',
            findings: [
              {
                code: 'isotretinoin',
                severity: 'defer',
                message: 'Wait six months after isotretinoin',
                until: deferredUntil,
              },
            ],
          }),
          result: JSON.stringify({ longevity: { touchUpAfterYears: 3, visibleYears: 6 } }),
        })
        .execute()
      const plan = await server.db
        .insertInto('treatment_plans')
        .values({
          clinic_id: clinic.clinicId,
          client_id: courseClient,
          plan: JSON.stringify(planDocument([180, 150, 120])),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      planId = plan.id
    })

    const sessionsOf = async (courseId: string) =>
      (await desk()('GET', `${base}/courses/${courseId}`)).json().sessions as {
        id: string
        startsAt: string
        endsAt: string
        courseIndex: number
        practitionerId: string
      }[]

    const gaps = (sessions: { startsAt: string }[]) =>
      sessions.slice(1).map((s, i) => dayOf(torontoDate(s.startsAt)) - dayOf(torontoDate(sessions[i]?.startsAt ?? '')))

    it('books every session after the deferral, 7–14 days apart, with one practitioner; moves are re-checked', async () => {
      const res = await desk()('POST', `${base}/clients/${courseClient}/courses`, {
        treatmentPlanId: planId,
        locationId: clinic.locationId,
        practitionerId: clinic.users.practitioner.membershipId,
      })
      expect(res.statusCode).toBe(201)
      const course = res.json()
      expect(course.earliestDate).toBe(deferredUntil)
      expect(course.sessions).toHaveLength(3)
      expect(torontoDate(course.sessions[0].startsAt) >= deferredUntil).toBe(true)
      const durations = course.sessions.map(
        (s: { startsAt: string; endsAt: string }) => (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000
      )
      expect(durations).toEqual([180, 150, 120])
      expect(new Set(course.sessions.map((s: { practitionerId: string }) => s.practitionerId))).toEqual(
        new Set([clinic.users.practitioner.membershipId])
      )
      for (const g of gaps(course.sessions)) expect(g).toBeGreaterThanOrEqual(7)
      for (const g of gaps(course.sessions)) expect(g).toBeLessThanOrEqual(14)

      const [s1, s2, s3] = await sessionsOf(course.id)
      // too close to session 1
      const tooClose = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, {
        startsAt: new Date(Date.parse(s1?.startsAt ?? '') + 3 * DAY).toISOString(),
      })
      expect(tooClose.statusCode).toBe(409)
      expect(tooClose.json().detail).toMatch(/^Session 2 on .* is 3 days after session 1 .*at least 7 days/)
      // too far from session 2
      const tooFar = await desk()('POST', `${base}/courses/${course.id}/sessions/3/move`, {
        startsAt: new Date(Date.parse(s2?.startsAt ?? '') + 20 * DAY).toISOString(),
      })
      expect(tooFar.statusCode).toBe(409)
      expect(tooFar.json().detail).toMatch(/at most 14 days/)
      // session 2 later by 5 days: session 3 would be too close, so it is re-flowed (proposal only)
      const later = new Date(Date.parse(s2?.startsAt ?? '') + 5 * DAY).toISOString()
      const proposal = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, { startsAt: later })
      expect(proposal.statusCode).toBe(200)
      expect(proposal.json().applied).toBe(false)
      const proposed = proposal.json().proposal as { startsAt: string; moved: boolean }[]
      expect(proposed.map((p) => p.moved)).toEqual([
        false,
        true,
        (gaps([{ startsAt: later }, { startsAt: s3?.startsAt ?? '' }])[0] ?? 0) < 7,
      ])
      for (const g of gaps(proposed)) expect(g).toBeGreaterThanOrEqual(7)
      for (const g of gaps(proposed)) expect(g).toBeLessThanOrEqual(14)
      expect((await sessionsOf(course.id)).map((s) => s.startsAt)).toEqual([s1, s2, s3].map((s) => s?.startsAt))
      // applied
      const applied = await desk()('POST', `${base}/courses/${course.id}/sessions/2/move`, {
        startsAt: later,
        apply: true,
      })
      expect(applied.statusCode).toBe(200)
      expect(applied.json().applied).toBe(true)
      const after = await sessionsOf(course.id)
      expect(after.map((s) => s.startsAt)).toEqual(proposed.map((p) => p.startsAt))
      for (const g of gaps(after)) expect(g).toBeGreaterThanOrEqual(7)
      const changes = await server.db
        .selectFrom('appointment_changes')
        .select('change')
        .where('appointment_id', '=', s2?.id ?? '')
        .where('change', '=', 'rescheduled')
        .execute()
      expect(changes).toHaveLength(1)
      // a plain reschedule that would break the spacing is refused too
      const plain = await desk()('POST', `${base}/appointments/${after[2]?.id}/reschedule`, {
        startsAt: new Date(Date.parse(after[1]?.startsAt ?? '') + DAY).toISOString(),
        reason: 'client asked',
      })
      expect(plain.statusCode).toBe(409)
      expect(plain.json().detail).toMatch(/at least 7 days/)
    })

    it('refuses a course while a deferral without a date is open, and without a consultation', async () => {
      const waiting = await newClient('Wendy', 'Waiting')
      const plan = await server.db
        .insertInto('treatment_plans')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          plan: JSON.stringify(planDocument([120])),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const none = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
      })
      expect(none.statusCode).toBe(422)
      expect(none.json().detail).toMatch(/no consultation/)
      const intake = await server.db
        .insertInto('intakes')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          version: 1,
          schema: 'stipple.intake/v1',
          document: '{}',
          recorded_by: clinic.users.owner.membershipId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await server.db
        .insertInto('consultations')
        .values({
          clinic_id: clinic.clinicId,
          client_id: waiting,
          intake_id: intake.id,
          practitioner_id: clinic.users.owner.membershipId,
          screening_status: 'defer',
          screening: JSON.stringify({
            status: 'defer',
            findings: [{ code: 'pregnancy', severity: 'defer', message: 'Wait until after pregnancy' }],
          }),
        })
        .execute()
      const open = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
      })
      expect(open.statusCode).toBe(422)
      expect(open.json().detail).toMatch(/Wait until after pregnancy/)
      const bad = await desk()('POST', `${base}/clients/${waiting}/courses`, {
        treatmentPlanId: plan.id,
        locationId: clinic.locationId,
        minGapDays: 10,
        maxGapDays: 7,
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().errors[0].path).toBe('body.maxGapDays')
    })

    it('proposes a touch-up at the longevity estimate after the last session', async () => {
      await server.db
        .insertInto('appointments')
        .values({
          clinic_id: clinic.clinicId,
          location_id: clinic.locationId,
          client_id: courseClient,
          practitioner_id: clinic.users.practitioner.membershipId,
          chair_id: chairs[0] as string,
          kind: 'smp-session',
          starts_at: '2025-03-03T15:00:00Z',
          ends_at: '2025-03-03T17:00:00Z',
          blocks: '[2025-03-03T14:45:00Z,2025-03-03T17:15:00Z)',
          status: 'completed',
        })
        .execute()
      const res = await desk()('GET', `${base}/clients/${courseClient}/touch-up-proposal`)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({
        proposedDate: '2028-03-03',
        touchUpAfterYears: 3,
        lastSessionDate: '2025-03-03',
      })
      expect(res.json().slots.length).toBeGreaterThan(0)
      expect(torontoDate(res.json().slots[0].startsAt) >= '2028-03-03').toBe(true)
    })
  })
})
