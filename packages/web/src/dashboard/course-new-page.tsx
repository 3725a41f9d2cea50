// Book a course: the plan's sessions booked together, 7–14 days apart (DOMAIN §0 [DEL], [TOR]). Moving a session
// shows what it does to the later ones before anything changes; a date too close to the session before is refused
// with the reason (checked here at once, and always by the server).
import { DEFAULT_MAX_GAP_DAYS, DEFAULT_MIN_GAP_DAYS, spacingProblems } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useParams } from 'react-router'
import { ApiError, api, messageOf } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import type { Appointment, Course, MoveProposal } from '../api/types.ts'
import { useClientFile, usePlans } from '../api/use-client-file.ts'
import { FormErrors, SelectField, TextField } from '../ui/field.tsx'
import { addDays } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { whenLabel } from './appointments.ts'
import { clinicPath, useClinicContext, useClinicSetup } from './clinic-context.ts'

/** The client's booked courses, found through their appointments from a month ago to two months ahead. */
function useCourses(clinicId: string, clientId: string, today: string | undefined) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'client', clientId, 'courses'],
    enabled: today !== undefined,
    queryFn: async () => {
      if (today === undefined) return []
      const { items } = await api<{ items: Appointment[] }>(clinicPath(clinicId, '/appointments'), {
        query: { clientId, from: addDays(today, -30), to: addDays(today, 61) },
      })
      const ids = [...new Set(items.map((a) => a.courseId).filter((id): id is string => typeof id === 'string'))]
      return Promise.all(ids.map((id) => api<Course>(clinicPath(clinicId, `/courses/${id}`))))
    },
  })
}

const reasonsOf = (error: unknown) =>
  error instanceof ApiError
    ? [error.message, ...error.problems.map((p) => p.message)].filter((m, i, all) => all.indexOf(m) === i).join(' ')
    : messageOf(error)

export function CourseNewPage() {
  const { clinicId } = useClinicContext()
  const { clientId = '' } = useParams()
  const file = useClientFile(clinicId, clientId)
  // today at the clinic's main location, from the server
  const today = useClinicSetup(clinicId).data?.locations[0]?.now.date
  const courses = useCourses(clinicId, clientId, today)
  const name = file.data ? `${file.data.client.givenName} ${file.data.client.familyName}` : 'the client'
  return (
    <section aria-labelledby="course-title">
      <h1 id="course-title">Course of sessions for {name}</h1>
      <p>
        <Link to={`/clinic/${clinicId}/clients/${clientId}`}>Back to the client's file</Link>
      </p>
      <QueryView query={courses} what="booked courses">
        {(items) =>
          items.length === 0 ? (
            <BookCourse clinicId={clinicId} clientId={clientId} home={file.data?.client.homeLocationId ?? null} />
          ) : (
            items.map((c) => <CourseView key={c.id} clinicId={clinicId} course={c} />)
          )
        }
      </QueryView>
    </section>
  )
}

function BookCourse({ clinicId, clientId, home }: { clinicId: string; clientId: string; home: string | null }) {
  const setup = useClinicSetup(clinicId)
  const plans = usePlans(clinicId, clientId)
  const queryClient = useQueryClient()
  const locations = setup.data?.locations ?? []
  const [form, setForm] = useState({ locationId: '', practitionerId: '', earliestDate: '' })
  // the client's own location unless another is chosen
  const locationId =
    form.locationId || (home !== null && locations.some((l) => l.id === home) ? home : '') || locations[0]?.id || ''
  const location = locations.find((l) => l.id === locationId)
  const plan = plans.data?.[plans.data.length - 1]
  // the plan's spacing, kept within the healing window (DOMAIN §0 [DEL], [TOR]), as the server books it
  const planSpacing = (plan?.plan as { spacingDays?: unknown } | undefined)?.spacingDays
  const spacing =
    typeof planSpacing === 'number'
      ? Math.min(DEFAULT_MAX_GAP_DAYS, Math.max(DEFAULT_MIN_GAP_DAYS, Math.round(planSpacing)))
      : undefined
  const book = useMutation({
    mutationFn: () =>
      api<Course>(clientPath(clinicId, clientId, '/courses'), {
        method: 'POST',
        body: {
          treatmentPlanId: plan?.id,
          locationId,
          ...(form.practitionerId ? { practitionerId: form.practitionerId } : {}),
          ...(form.earliestDate ? { earliestDate: form.earliestDate } : {}),
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId] }),
  })
  if (plans.isSuccess && plan === undefined)
    return (
      <Empty>
        <p>
          There is no treatment plan to book yet. Record the intake and run the consultation first: it makes the plan.
        </p>
      </Empty>
    )
  const errors = book.error instanceof ApiError ? book.error.fieldErrors() : {}
  const shown = ['locationId', 'practitionerId', 'earliestDate', 'treatmentPlanId']
  const submit = (e: FormEvent) => {
    e.preventDefault()
    book.mutate()
  }
  return (
    <form className="form card" onSubmit={submit} noValidate>
      <h2>Book the course</h2>
      <p>
        Stipple finds free times for every session of the plan{plan ? ` (${plan.plan.sessions.length} sessions)` : ''},{' '}
        {spacing === undefined
          ? `${DEFAULT_MIN_GAP_DAYS} to ${DEFAULT_MAX_GAP_DAYS} days apart`
          : `${spacing} days apart as the plan says (never more than ${Math.max(DEFAULT_MAX_GAP_DAYS, spacing)})`}
        , with the same practitioner where possible.
      </p>
      <div className="row">
        <SelectField
          label="Location"
          value={locationId}
          onChange={(e) => setForm({ ...form, locationId: e.target.value, practitionerId: '' })}
          error={errors.locationId}
          options={locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        <SelectField
          label="Practitioner"
          value={form.practitionerId}
          onChange={(e) => setForm({ ...form, practitionerId: e.target.value })}
          error={errors.practitionerId}
          options={[
            { value: '', label: 'Whoever is free' },
            ...(location?.practitioners ?? []).map((p) => ({ value: p.membershipId, label: p.displayName })),
          ]}
        />
        <TextField
          label="First session no earlier than"
          type="date"
          value={form.earliestDate}
          onChange={(e) => setForm({ ...form, earliestDate: e.target.value })}
          error={errors.earliestDate}
          hint="Empty: the day after the consultation, or when screening allows"
        />
      </div>
      <FormErrors
        messages={
          book.error
            ? [reasonsOf(book.error), ...(book.error instanceof ApiError ? book.error.otherMessages(shown) : [])]
            : []
        }
      />
      <button type="submit" className="button" disabled={book.isPending || locationId === '' || plan === undefined}>
        {book.isPending ? 'Finding times…' : 'Book the course'}
      </button>
    </form>
  )
}

function CourseView({ clinicId, course }: { clinicId: string; course: Course }) {
  const sessions = [...course.sessions]
    .filter((s) => s.status !== 'cancelled')
    .sort((a, b) => (a.courseIndex ?? 0) - (b.courseIndex ?? 0))
  return (
    <div className="card">
      <h2>Booked sessions</h2>
      <p className="muted">
        Sessions stay{' '}
        {course.minGapDays === course.maxGapDays
          ? `${course.minGapDays} days`
          : `${course.minGapDays} to ${course.maxGapDays} days`}{' '}
        apart so the skin heals and the layers build evenly.
      </p>
      {sessions.length === 0 ? (
        <p>This course has no sessions booked.</p>
      ) : (
        <ol className="stack">
          {sessions.map((s, i) => (
            <SessionRow key={s.id} clinicId={clinicId} course={course} sessions={sessions} index={i} />
          ))}
        </ol>
      )}
    </div>
  )
}

function SessionRow(props: { clinicId: string; course: Course; sessions: Appointment[]; index: number }) {
  const { clinicId, course, sessions, index } = props
  const session = sessions[index]
  const queryClient = useQueryClient()
  const here = session?.startsAtLocal ?? { date: '', time: '10:00' }
  const [date, setDate] = useState(here.date)
  const [problem, setProblem] = useState<string | null>(null)
  const [proposal, setProposal] = useState<MoveProposal | null>(null)
  const number = session?.courseIndex ?? index + 1
  const move = useMutation({
    mutationFn: (body: { startsAtLocal: { date: string; time: string }; apply?: boolean }) =>
      api<MoveProposal>(clinicPath(clinicId, `/courses/${course.id}/sessions/${number}/move`), {
        method: 'POST',
        body,
      }),
    onSuccess: (result) => {
      setProblem(null)
      if (result.applied) {
        setProposal(null)
        return queryClient.invalidateQueries({ queryKey: ['clinic', clinicId] })
      }
      setProposal(result)
      return undefined
    },
    onError: (error) => {
      setProposal(null)
      setProblem(`Refused: ${reasonsOf(error)}`)
    },
  })
  if (session === undefined) return null
  // the same wall-clock time on the new date, read by the server in the course location's zone
  const startsAt = () => ({ date, time: here.time })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const dates = sessions.map((s, i) => (i === index ? date : s.startsAtLocal.date))
    // too close to the session before: refused at once (later sessions shift, which the server works out)
    const tooClose = spacingProblems(dates, course.minGapDays, course.maxGapDays).find(
      (p) => p.index === index && p.message.includes('at least')
    )
    if (tooClose !== undefined) {
      setProposal(null)
      setProblem(`Refused: ${tooClose.message}.`)
      return
    }
    move.mutate({ startsAtLocal: startsAt() })
  }
  return (
    <li className="course-session">
      <p>
        <strong>Session {number}</strong>: {whenLabel(session.startsAtLocal)}
        {session.practitionerName ? ` with ${session.practitionerName}` : ''}
      </p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          label={`Move session ${number} to`}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={problem ?? undefined}
        />
        <button type="submit" className="button button-secondary" disabled={move.isPending || date === here.date}>
          {move.isPending ? 'Checking…' : 'Check the move'}
        </button>
      </form>
      {proposal === null ? null : (
        <div className="notice notice-ok" role="status">
          <p>Moving session {number} gives:</p>
          <ul>
            {proposal.proposal.map((p) => (
              <li key={p.index}>
                Session {p.index}: {whenLabel(p.startsAtLocal)}
                {p.moved ? ' (moved)' : ''}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button"
            disabled={move.isPending}
            onClick={() => move.mutate({ startsAtLocal: startsAt(), apply: true })}
          >
            Move the sessions
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={() => setProposal(null)}>
            Keep them as they are
          </button>
        </div>
      )}
    </li>
  )
}
