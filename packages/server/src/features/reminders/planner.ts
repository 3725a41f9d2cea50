// Decides which emails are due from what the clinic has recorded, and queues each once (by its dedupe key) in the
// outbox: appointment reminders 48 h and 24 h before, pre-care a week before a treatment session, aftercare on the
// days a rule of DOMAIN §6.3 ends, the between-sessions note after a first session, the touch-up recall (DOMAIN §5)
// and the confirmation of a public booking. It runs again and again; planning twice queues nothing new.
import { randomUUID } from 'node:crypto'
import {
  aftercareDays,
  aftercareText,
  appointmentReminderText,
  betweenSessionsText,
  bookingConfirmationText,
  careOnDay,
  courseCare,
  localTime,
  type MessageText,
  precareText,
  TOUCH_UP_YEARS,
  touchUpRecallText,
  zoneAbbreviation,
} from '@stipple/domain'
import type { Kysely } from 'kysely'
import type { Database, OutboxKind } from '../../db/database.ts'
import { unitOfWork } from '../../db/unit-of-work.ts'
import { manageBookingUrl, signBookingToken } from '../../links/booking-links.ts'
import type { NewOutboxMessage } from './outbox.repository.ts'
import type { ClientCourse, PlannedAppointment, SessionFacts } from './repository.ts'
import { renderMail } from './templates.ts'
import { signUnsubscribeToken, unsubscribeUrl } from './unsubscribe.ts'
import { type ReminderWork, reminderRepositories } from './work.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How far ahead appointment reminders and pre-care are planned. */
const LOOKAHEAD = 8 * DAY
/** A care message more than a day late is no use; the planner no longer writes it. */
const STALE_AFTER = DAY
/** Aftercare and the between-sessions note look this far back (the final session's rules last 28 days, DOMAIN §6.3). */
const AFTERCARE_WINDOW = 35 * DAY
/** Sessions further apart than this belong to different courses (DOMAIN §2.4: 7–30 days between sessions). */
const COURSE_GAP = 60 * DAY
/** When the next session is not booked yet: the courses table's default spacing (0004, DOMAIN §2.4 [SMUSA]). */
const ASSUMED_GAP_DAYS = 14
/** DOMAIN §0 touch-up interval: 2 to 8 years, usually 4 (the figure the FAQ and the consent give). */
const DEFAULT_TOUCH_UP_YEARS = TOUCH_UP_YEARS.usual
/** DOMAIN §6.1 [PMOH] and §6.2 [ENH-PRE]: minoxidil and blood thinners stop a week before. */
const PRECARE_BEFORE = 7 * DAY
/** The day-0 aftercare message goes a couple of hours after the session, once the client is home. */
const DAY0_DELAY = 2 * HOUR

const KIND_LABELS: Record<PlannedAppointment['kind'], string> = {
  consultation: 'consultation',
  'smp-session': 'SMP session',
  'touch-up': 'touch-up session',
  'laser-removal': 'laser removal session',
}

export interface PlannerOptions {
  /** The server's public address, for links in emails. */
  publicUrl: string
  /** The host part of every Message-ID (`<outbox-id@host>`). */
  mailHost: string
}

interface Candidate {
  clinicId: string
  dedupeKey: string
  build(secret: Buffer): NewOutboxMessage | null
}

/**
 * `Tuesday 1 December 2026, 10:00 EST`, in the location's own time zone: the wall clock and the zone's name come from
 * the domain's pinned time-zone data, never from the runtime's (Node and browsers disagree on some zones).
 */
function formatWhen(at: Date, timeZone: string): string {
  const local = localTime(at.getTime(), timeZone)
  // the local calendar date, read as a date (no zone conversion)
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  })
    .format(new Date(`${local.date}T12:00:00Z`))
    .replace(',', '')
  return `${day}, ${local.time} ${zoneAbbreviation(at.getTime(), timeZone)}`
}

const addressLine = (a: PlannedAppointment) =>
  [a.locationName, ...['line1', 'line2', 'city'].map((k) => a.address[k]).filter((v) => typeof v === 'string')]
    .filter((v) => v !== '')
    .join(', ')

export class ReminderPlanner {
  readonly #work: ReminderWork
  readonly #options: PlannerOptions
  constructor(db: Kysely<Database>, options: PlannerOptions) {
    this.#work = unitOfWork(db, reminderRepositories)
    this.#options = options
  }

  /** Queues what is due from now on and cancels what no longer applies; returns how many it queued. */
  async plan(now: Date): Promise<{ queued: number; cancelled: number }> {
    const reading = this.#work.read.planning
    const candidates: Candidate[] = [
      ...(await reading.upcomingAppointments(now, new Date(now.getTime() + LOOKAHEAD))).flatMap((a) =>
        this.#appointmentMessages(a, now)
      ),
    ]
    const courses = new Map<string, Promise<ClientCourse>>()
    const courseOf = (s: SessionFacts) => {
      const key = `${s.clinicId} ${s.clientId}`
      let course = courses.get(key)
      if (course === undefined) {
        course = reading.course(s.clinicId, s.clientId)
        courses.set(key, course)
      }
      return course
    }
    for (const s of await reading.recentSessions(new Date(now.getTime() - AFTERCARE_WINDOW), now)) {
      const client = await reading.client(s.clinicId, s.clientId)
      if (client === null || client.erased || client.email === null || !client.careEmail) continue
      candidates.push(...this.#sessionMessages(s, await courseOf(s), client, now))
    }
    const finished = await reading.lastSessionsOfFinishedCourses(new Date(now.getTime() - AFTERCARE_WINDOW))
    // a recall already in the outbox needs no second look at the client's course (this runs every pass)
    const recalled = await this.#work.read.outbox.existingKeys(
      finished.map((s) => ({ clinicId: s.clinicId, dedupeKey: `touch-up-recall:${s.id}` }))
    )
    for (const s of finished.filter((f) => !recalled.has(`${f.clinicId} touch-up-recall:${f.id}`))) {
      const client = await reading.client(s.clinicId, s.clientId)
      if (client === null || client.erased || client.email === null || !client.marketingEmail) continue
      const years = (await courseOf(s)).touchUpAfterYears ?? DEFAULT_TOUCH_UP_YEARS
      const due = new Date(s.performedAt)
      due.setUTCMonth(due.getUTCMonth() + Math.round(years * 12))
      const email = client.email
      candidates.push({
        clinicId: s.clinicId,
        dedupeKey: `touch-up-recall:${s.id}`,
        build: (secret) =>
          this.#message(
            {
              kind: 'touch-up-recall',
              clinicId: s.clinicId,
              clientId: s.clientId,
              sessionRecordId: s.id,
              dedupeKey: `touch-up-recall:${s.id}`,
              care: false,
              toEmail: email,
              dueAt: due,
              payload: { years },
              unsubscribe: true,
              text: touchUpRecallText({ clientName: client.givenName, clinicName: client.clinicName, years }),
              clinicName: client.clinicName,
            },
            secret
          ),
      })
    }

    return this.#work.run(async (repos) => {
      const outbox = repos.outbox
      const existing = await outbox.existingKeys(candidates)
      const fresh = candidates.filter((c) => !existing.has(`${c.clinicId} ${c.dedupeKey}`))
      let queued = 0
      if (fresh.length > 0) {
        const secret = await repos.links.linkSecret()
        for (const c of fresh) {
          const message = c.build(secret)
          if (message !== null && (await outbox.enqueue(message))) queued++
        }
      }
      const cancelled = (await outbox.cancelForChangedAppointments(now)) + (await outbox.cancelSupersededRecalls(now))
      return { queued, cancelled }
    })
  }

  /** The aftercare and between-sessions messages of one session as planned at `now` (the demo seeds with them). */
  async messagesForSession(db: Kysely<Database>, s: SessionFacts, now: Date): Promise<NewOutboxMessage[]> {
    const repos = reminderRepositories(db)
    const reading = repos.planning
    const client = await reading.client(s.clinicId, s.clientId)
    if (client === null || client.erased || client.email === null || !client.careEmail) return []
    const secret = await repos.links.linkSecret()
    return this.#sessionMessages(s, await reading.course(s.clinicId, s.clientId), client, now).flatMap((c) => {
      const m = c.build(secret)
      return m === null ? [] : [m]
    })
  }

  #message(
    m: {
      kind: OutboxKind
      clinicId: string
      clientId: string | null
      appointmentId?: string
      sessionRecordId?: string
      dedupeKey: string
      care: boolean
      toEmail: string
      dueAt: Date
      payload: Record<string, unknown>
      text: MessageText
      clinicName: string
      unsubscribe?: boolean
      action?: { label: string; url: string }
    },
    secret: Buffer
  ): NewOutboxMessage {
    const id = randomUUID()
    const unsubscribe =
      m.unsubscribe === true && m.clientId !== null
        ? unsubscribeUrl(this.#options.publicUrl, signUnsubscribeToken(secret, m.clinicId, m.clientId))
        : undefined
    const mail = renderMail(m.text, {
      clinicName: m.clinicName,
      ...(m.action === undefined ? {} : { action: m.action }),
      ...(unsubscribe === undefined ? {} : { unsubscribeUrl: unsubscribe }),
    })
    return {
      id,
      clinicId: m.clinicId,
      clientId: m.clientId,
      appointmentId: m.appointmentId ?? null,
      sessionRecordId: m.sessionRecordId ?? null,
      kind: m.kind,
      dedupeKey: m.dedupeKey,
      care: m.care,
      toEmail: m.toEmail,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${id}@${this.#options.mailHost}>`,
      dueAt: m.dueAt,
      payload: { ...m.payload, ...(unsubscribe === undefined ? {} : { unsubscribeUrl: unsubscribe }) },
    }
  }

  #appointmentMessages(a: PlannedAppointment, now: Date): Candidate[] {
    const startsAt = a.startsAt.toISOString()
    const toClient = a.client !== null && !a.client.erased && a.client.careEmail ? a.client.email : null
    const to = a.client === null ? (a.contact?.email ?? null) : toClient
    if (to === null) return []
    const name = a.client?.givenName || (a.contact?.name.split(' ')[0] ?? '')
    const when = formatWhen(a.startsAt, a.timeZone)
    const where = addressLine(a)
    const what = KIND_LABELS[a.kind]
    const treatment = a.kind === 'smp-session' || a.kind === 'touch-up'
    const start = a.startsAt.getTime()
    const base = {
      clinicId: a.clinicId,
      clientId: a.clientId,
      appointmentId: a.id,
      care: true,
      toEmail: to,
      clinicName: a.clinicName,
      payload: { startsAt },
    }
    const out: Candidate[] = []
    const reminder = (hours: 24 | 48, validUntil: number) => {
      if (now.getTime() >= validUntil) return
      const kind = hours === 48 ? 'appointment-48h' : 'appointment-24h'
      const dedupeKey = `${kind}:${a.id}:${startsAt}`
      out.push({
        clinicId: a.clinicId,
        dedupeKey,
        build: (secret) =>
          this.#message(
            {
              ...base,
              kind,
              dedupeKey,
              dueAt: new Date(start - hours * HOUR),
              text: appointmentReminderText({ clientName: name, what, when, where, hoursBefore: hours, treatment }),
            },
            secret
          ),
      })
    }
    // the 48 h reminder is still worth sending until the 24 h one is due; the 24 h one until 2 h before
    reminder(48, start - 24 * HOUR)
    reminder(24, start - 2 * HOUR)
    if (treatment && now.getTime() < start - 48 * HOUR) {
      const dedupeKey = `precare:${a.id}:${startsAt}`
      out.push({
        clinicId: a.clinicId,
        dedupeKey,
        build: (secret) =>
          this.#message(
            {
              ...base,
              kind: 'precare',
              dedupeKey,
              dueAt: new Date(start - PRECARE_BEFORE),
              text: precareText({ clientName: name, when }),
            },
            secret
          ),
      })
    }
    if (a.source === 'public' && a.contact !== null) {
      const dedupeKey = `booking-confirmation:${a.id}:${startsAt}`
      out.push({
        clinicId: a.clinicId,
        dedupeKey,
        build: (secret) => {
          const token = signBookingToken(secret, a.id, a.startsAt)
          return this.#message(
            {
              ...base,
              kind: 'booking-confirmation',
              dedupeKey,
              toEmail: a.contact?.email ?? to,
              dueAt: now,
              text: bookingConfirmationText({ name, what, when, where, clinicName: a.clinicName }),
              action: { label: 'Cancel or move your booking', url: manageBookingUrl(this.#options.publicUrl, token) },
            },
            secret
          )
        },
      })
    }
    return out
  }

  /** Aftercare on the days a rule ends, and the between-sessions note after a first session that is not the last. */
  #sessionMessages(
    s: SessionFacts,
    course: ClientCourse,
    client: { givenName: string; email: string | null; clinicName: string },
    now: Date
  ): Candidate[] {
    const email = client.email
    if (email === null) return []
    const timeline = courseTimeline(s, course)
    const care = courseCare(
      { fitzpatrick: course.fitzpatrick ?? 3, minoxidil: course.minoxidil, shaved: course.goal !== 'density' },
      timeline.offsets
    )
    const out: Candidate[] = []
    const base = {
      clinicId: s.clinicId,
      clientId: s.clientId,
      sessionRecordId: s.id,
      care: true,
      toEmail: email,
      clinicName: client.clinicName,
    }
    for (const day of aftercareDays(care.aftercare, timeline.sessionDay, timeline.nextDay)) {
      const due = new Date(s.performedAt.getTime() + (day === 0 ? DAY0_DELAY : day * DAY))
      if (due.getTime() < now.getTime() - STALE_AFTER) continue
      const today = careOnDay(care.aftercare, timeline.sessionDay + day)
      const yesterday = day === 0 ? [] : careOnDay(care.aftercare, timeline.sessionDay + day - 1)
      const finished = yesterday.filter((i) => !today.includes(i))
      if (today.length === 0 && finished.length === 0) continue
      const dedupeKey = `aftercare:${s.id}:day-${day}`
      out.push({
        clinicId: s.clinicId,
        dedupeKey,
        build: (secret) =>
          this.#message(
            {
              ...base,
              kind: 'aftercare',
              dedupeKey,
              dueAt: due,
              payload: { day },
              text: aftercareText({
                clientName: client.givenName,
                clinicName: client.clinicName,
                dayAfterSession: day,
                sessionIndex: s.sessionIndex,
                sessionDay: timeline.sessionDay,
                today,
                finished,
              }),
            },
            secret
          ),
      })
    }
    const due = new Date(s.performedAt.getTime() + 3 * DAY)
    if (timeline.position === 0 && timeline.nextDay !== null && due.getTime() >= now.getTime() - STALE_AFTER) {
      const dedupeKey = `between-sessions:${s.id}`
      out.push({
        clinicId: s.clinicId,
        dedupeKey,
        build: (secret) =>
          this.#message(
            {
              ...base,
              kind: 'between-sessions',
              dedupeKey,
              dueAt: due,
              payload: {},
              text: betweenSessionsText({ clientName: client.givenName, note: care.betweenSessions }),
            },
            secret
          ),
      })
    }
    return out
  }
}

/**
 * Where a session sits in its course, in days from the course's first session: the sessions up to it, and the next
 * one (recorded, booked, or assumed 14 days on), or none when this was the plan's last session.
 */
export function courseTimeline(
  s: SessionFacts,
  course: ClientCourse
): { offsets: number[]; sessionDay: number; nextDay: number | null; position: number } {
  const mine = course.sessions.filter((x) => x.performedAt.getTime() <= s.performedAt.getTime())
  let first = mine.length - 1
  while (
    first > 0 &&
    (mine[first]?.performedAt.getTime() ?? 0) - (mine[first - 1]?.performedAt.getTime() ?? 0) <= COURSE_GAP
  )
    first--
  const chain = mine.slice(Math.max(first, 0))
  const start = chain[0]?.performedAt.getTime() ?? s.performedAt.getTime()
  const dayOf = (t: number) => Math.round((t - start) / DAY)
  const offsets = chain.map((x) => dayOf(x.performedAt.getTime()))
  const sessionDay = dayOf(s.performedAt.getTime())
  const after = s.performedAt.getTime()
  const nextRecorded = course.sessions.find((x) => x.performedAt.getTime() > after)?.performedAt.getTime()
  const nextBooked = course.bookedTreatments.find((t) => t.getTime() > after)?.getTime()
  const next = [nextRecorded, nextBooked].filter((t): t is number => t !== undefined && t - after <= COURSE_GAP)
  const planned = s.treatmentPlanId === null ? undefined : course.plannedSessions.get(s.treatmentPlanId)
  let nextDay: number | null
  if (next.length > 0) nextDay = dayOf(Math.min(...next))
  else if (planned !== undefined && s.sessionIndex >= planned) nextDay = null
  else nextDay = sessionDay + ASSUMED_GAP_DAYS
  return {
    offsets: nextDay === null ? offsets : [...offsets, nextDay],
    sessionDay,
    nextDay,
    position: chain.length - 1,
  }
}
