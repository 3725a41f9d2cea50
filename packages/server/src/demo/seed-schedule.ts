// The demo clinic's calendar: two chairs per location, each practitioner's hours where their clients live, the rest of
// every in-course client's course booked with its spacing, consultations this week for new enquiries (one booked from
// the public page), and appointments on the first open day at each location. Booked through the same availability
// search and repository as the API, so the demo calendar never holds a double booking.
import {
  APPOINTMENT_KINDS,
  type BookedBlock,
  findAvailability,
  instantToZoned,
  type LocationHours,
  type PractitionerHours,
  planCourse,
  type Slot,
} from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { AppointmentKindId, Database } from '../db/database.ts'
import { weeklyHours } from '../features/scheduling/booking.ts'
import { schedulingRepositories } from '../features/scheduling/work.ts'

const DAY = 86_400_000
const MINUTE = 60_000
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)

/** Fills the demo clinic's calendar; `now` is the seeding time. */
export async function seedDemoSchedule(db: Kysely<Database>, clinicId: string, now: Date): Promise<void> {
  const repo = schedulingRepositories(db)
  const locations = await repo.locations.list(clinicId)
  const chairs = new Map<string, string[]>()
  for (const l of locations) {
    const ids: string[] = []
    for (const name of ['Chair 1', 'Chair 2']) {
      const chair = await repo.resources.addChair(clinicId, l.id, name)
      if (chair !== null) ids.push(chair.id)
    }
    chairs.set(l.id, ids)
  }
  const members = await db
    .selectFrom('memberships')
    .select(['id', 'role'])
    .where('clinic_id', '=', clinicId)
    .orderBy('display_name')
    .execute()
  const practitioners = members.filter((m) => m.role === 'practitioner').map((m) => m.id)
  const owner = members.find((m) => m.role === 'owner')?.id ?? practitioners[0] ?? ''
  const clients = await db
    .selectFrom('clients')
    .select(['id', 'stage', 'home_location_id', 'given_name', 'family_name'])
    .where('clinic_id', '=', clinicId)
    .orderBy('created_at')
    .orderBy('family_name')
    .execute()
  const consultations = await db
    .selectFrom('consultations')
    .select(['client_id', 'practitioner_id'])
    .where('clinic_id', '=', clinicId)
    .execute()
  const practitionerOf = new Map(consultations.map((c) => [c.client_id, c.practitioner_id]))

  // each practitioner works the opening hours of every location their clients call home
  const worksAt = new Map<string, Set<string>>()
  for (const c of clients) {
    const p = practitionerOf.get(c.id)
    if (p === undefined || c.home_location_id === null) continue
    worksAt.set(p, (worksAt.get(p) ?? new Set()).add(c.home_location_id))
  }
  for (const p of practitioners) {
    const at = worksAt.get(p) ?? new Set([locations[0]?.id ?? ''])
    for (const locationId of at) {
      const location = locations.find((l) => l.id === locationId)
      if (location !== undefined) await repo.resources.setWorkingHours(clinicId, p, locationId, location.openingHours)
    }
    worksAt.set(p, at)
  }
  const hoursOf = (locationId: string): LocationHours => {
    const l = locations.find((x) => x.id === locationId)
    return {
      id: locationId,
      timeZone: l?.timeZone ?? 'UTC',
      openingHours: weeklyHours(l?.openingHours ?? {}),
      chairs: chairs.get(locationId) ?? [],
    }
  }
  const staffAt = (locationId: string, only?: string): PractitionerHours[] =>
    practitioners
      .filter((p) => (only === undefined || p === only) && worksAt.get(p)?.has(locationId) === true)
      .map((p) => ({
        id: p,
        workingHours: [{ locationId, hours: hoursOf(locationId).openingHours }],
        timeOff: [],
      }))
  const booked: BookedBlock[] = []
  const blockOf = (kind: AppointmentKindId, s: { start: number; end: number }) => ({
    start: s.start - APPOINTMENT_KINDS[kind].bufferBeforeMin * MINUTE,
    end: s.end + APPOINTMENT_KINDS[kind].bufferAfterMin * MINUTE,
  })
  const book = async (
    locationId: string,
    kind: AppointmentKindId,
    slot: Slot,
    extra: {
      clientId: string | null
      courseId?: string
      courseIndex?: number
      source?: 'clinic' | 'public'
      contact?: { name: string; email: string; phone: string }
      notes?: string
    }
  ) => {
    const block = blockOf(kind, slot)
    await repo.appointments.insert({
      clinicId,
      locationId,
      clientId: extra.clientId,
      practitionerId: slot.practitionerId,
      chairId: slot.chairId,
      kind,
      startsAt: new Date(slot.start),
      endsAt: new Date(slot.end),
      blocksFrom: new Date(block.start),
      blocksTo: new Date(block.end),
      courseId: extra.courseId ?? null,
      courseIndex: extra.courseIndex ?? null,
      bookedBy: extra.source === 'public' ? null : owner,
      source: extra.source ?? 'clinic',
      contact: extra.contact ?? null,
      notes: extra.notes ?? null,
    })
    booked.push({ ...block, practitionerId: slot.practitionerId, chairId: slot.chairId })
  }
  const today = (locationId: string) => instantToZoned(now.getTime(), hoursOf(locationId).timeZone).date
  /** Free slots of a kind at a location over local days [from, from + days). */
  const slots = (locationId: string, kind: AppointmentKindId, from: string, days: number, only?: string) =>
    findAvailability({
      location: hoursOf(locationId),
      practitioners: staffAt(locationId, only),
      kind: APPOINTMENT_KINDS[kind],
      fromDate: from,
      toDate: dateOfDay(dayNumber(from) + days - 1),
      booked,
      notBefore: now.getTime(),
    })

  // courses: the sessions still to come for every client in course
  for (const c of clients.filter((x) => x.stage === 'in-course')) {
    const locationId = c.home_location_id ?? locations[0]?.id ?? ''
    const practitioner = practitionerOf.get(c.id)
    const plan = await db
      .selectFrom('treatment_plans')
      .select(['id', 'plan'])
      .where('clinic_id', '=', clinicId)
      .where('client_id', '=', c.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
    if (plan === undefined || practitioner === undefined) continue
    const done = await db
      .selectFrom('session_records')
      .select(['performed_at'])
      .where('client_id', '=', c.id)
      .orderBy('performed_at', 'desc')
      .execute()
    const durations = ((plan.plan as { sessions?: { durationMinutes?: number }[] }).sessions ?? [])
      .map((s) => s.durationMinutes ?? 180)
      .slice(done.length)
    if (durations.length === 0) continue
    const tz = hoursOf(locationId).timeZone
    const afterLast =
      done[0] === undefined
        ? today(locationId)
        : dateOfDay(dayNumber(instantToZoned(done[0].performed_at.getTime(), tz).date) + 7)
    const earliestDate = [afterLast, dateOfDay(dayNumber(today(locationId)) + 1)].sort()[1] ?? afterLast
    const course = planCourse(
      { sessions: durations.length, durationsMin: durations, earliestDate, preferredPractitionerId: practitioner },
      {
        location: hoursOf(locationId),
        practitioners: staffAt(locationId, practitioner),
        kind: APPOINTMENT_KINDS['smp-session'],
        booked,
        notBefore: now.getTime(),
      }
    )
    if (!course.ok) continue
    const courseId = await repo.courses.insert({
      clinicId,
      clientId: c.id,
      treatmentPlanId: plan.id,
      locationId,
      minGapDays: 7,
      maxGapDays: 14,
      earliestDate,
      createdBy: owner,
    })
    for (const [i, s] of course.sessions.entries()) {
      await book(locationId, 'smp-session', s, { clientId: c.id, courseId, courseIndex: done.length + i + 1 })
    }
  }

  // consultations this week for new enquiries, spread over the days, and one visitor from the public page
  const enquiries = clients.filter((x) => x.stage === 'enquiry')
  for (const [i, c] of enquiries.entries()) {
    const locationId = c.home_location_id ?? locations[0]?.id ?? ''
    const free = slots(locationId, 'consultation', today(locationId), 7)
    const pick = free[Math.min(free.length - 1, Math.floor(((i + 1) * free.length) / (enquiries.length + 2)))]
    if (pick !== undefined) await book(locationId, 'consultation', pick, { clientId: c.id, notes: 'Free consultation' })
  }
  const first = locations[0]
  if (first !== undefined) {
    const free = slots(first.id, 'consultation', today(first.id), 7)
    const pick = free[Math.floor(free.length / 2)]
    if (pick !== undefined) {
      await book(first.id, 'consultation', pick, {
        clientId: null,
        source: 'public',
        contact: { name: 'Marcus Bell', email: 'marcus.bell@example.com', phone: '+1 416 555 0142' },
      })
    }
  }

  // at each location, on the first day it still has room for each (today when it does — late in the day a 2-hour
  // touch-up may no longer fit where a consultation does): a touch-up and a design review
  for (const l of locations) {
    const firstDayWith = (kind: 'touch-up' | 'consultation') => {
      let day = today(l.id)
      for (let i = 0; i < 7 && slots(l.id, kind, day, 1).length === 0; i++) day = dateOfDay(dayNumber(day) + 1)
      return day
    }
    const here = clients.filter((c) => c.home_location_id === l.id)
    const touchUp = here.find((c) => c.stage === 'touch-up-due')
    const review = here.find((c) => c.stage === 'design')
    if (touchUp !== undefined) {
      const day = firstDayWith('touch-up')
      const s = slots(l.id, 'touch-up', day, 1, practitionerOf.get(touchUp.id))[0] ?? slots(l.id, 'touch-up', day, 1)[0]
      if (s !== undefined) await book(l.id, 'touch-up', s, { clientId: touchUp.id })
    }
    if (review !== undefined) {
      const free = slots(l.id, 'consultation', firstDayWith('consultation'), 1)
      const s = free[Math.floor(free.length / 2)]
      if (s !== undefined)
        await book(l.id, 'consultation', s, { clientId: review.id, notes: 'Design review before approval' })
    }
  }
}
