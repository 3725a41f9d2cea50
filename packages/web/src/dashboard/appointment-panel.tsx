// One appointment at the front desk: check the client in, complete, mark a no-show, cancel with a reason, move it to
// another time, day, practitioner, chair or location (a refusal offers the next free times, one click each), link a
// website booking to a client file, and read every change in its history.
import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router'
import type { Appointment, AppointmentChange, ClinicLocation, FreeTime } from '../api/types.ts'
import { SelectField, TextField } from '../ui/field.tsx'
import { formatLocalDate, formatLocalTime } from '../ui/format.ts'
import { QueryView } from '../ui/states.tsx'
import {
  kindLabel,
  offeredTimes,
  refusalText,
  STATUS_LABELS,
  type StatusAction,
  spanLabel,
  useAppointmentDetail,
  useLinkClient,
  useReschedule,
  useStatusChange,
  whenLabel,
  whoLabel,
} from './appointments.ts'
import { Refusal } from './booking-panel.tsx'
import { NewClientForm } from './new-client-form.tsx'
import { SidePanel } from './side-panel.tsx'

export function AppointmentPanel(props: {
  clinicId: string
  appointment: Appointment
  locations: ClinicLocation[]
  onClose: () => void
  /** `keepOpen`: the panel stays on the appointment to show its new status. */
  onDone: (text: string, keepOpen?: boolean) => void
}) {
  const { clinicId, appointment, onClose } = props
  const titleId = useId()
  const detail = useAppointmentDetail(clinicId, appointment.id)
  // the freshest copy: after a change the list and the detail are read again
  const a = detail.data?.appointment ?? appointment
  return (
    <SidePanel title={`${whoLabel(a)} · ${kindLabel(a)}`} titleId={titleId} onClose={onClose}>
      <Summary a={a} locations={props.locations} />
      {a.clientId === null && a.contact ? (
        <WebsiteBooking clinicId={clinicId} a={a} matches={detail.data?.matchingClients ?? []} />
      ) : a.clientId !== null ? (
        <p>
          <Link to={`/clinic/${clinicId}/clients/${a.clientId}`}>Open {whoLabel(a)}'s file</Link>
        </p>
      ) : null}
      <StatusActions
        clinicId={clinicId}
        a={a}
        today={props.locations.find((l) => l.id === a.locationId)?.now.date ?? a.startsAtLocal.date}
        onDone={props.onDone}
      />
      {a.status === 'booked' || a.status === 'arrived' ? (
        <MoveForm clinicId={clinicId} a={a} locations={props.locations} onDone={props.onDone} />
      ) : null}
      <section aria-labelledby={`${titleId}-history`}>
        <h3 id={`${titleId}-history`}>History</h3>
        <QueryView query={detail} what="the appointment's history">
          {(d) => <History changes={d.history} locations={props.locations} />}
        </QueryView>
      </section>
    </SidePanel>
  )
}

function Summary({ a, locations }: { a: Appointment; locations: ClinicLocation[] }) {
  const location = locations.find((l) => l.id === a.locationId)
  const chair = location?.chairs.find((c) => c.id === a.chairId)?.name
  return (
    <div className="stack">
      <p>
        <strong>{formatLocalDate(a.startsAtLocal.date)}</strong>, {spanLabel(a)}{' '}
        <span className={`badge status-badge-${a.status}`}>{STATUS_LABELS[a.status] ?? a.status}</span>
      </p>
      <p className="muted">
        {[a.practitionerName, chair, location?.name].filter(Boolean).join(' · ')}
        {a.cancelReason ? ` · Cancelled: ${a.cancelReason}` : ''}
      </p>
    </div>
  )
}

const ACTIONS: Record<StatusAction, { label: string; done: string }> = {
  arrive: { label: 'Check in (arrived)', done: 'Checked in' },
  complete: { label: 'Mark completed', done: 'Completed' },
  'no-show': { label: 'Mark no-show', done: 'Marked as a no-show' },
  cancel: { label: 'Cancel appointment', done: 'Cancelled' },
}

function StatusActions(props: {
  clinicId: string
  a: Appointment
  /** The location's date now (from the server): checking in and no-shows belong to the appointment's day. */
  today: string
  onDone: (text: string, keepOpen?: boolean) => void
}) {
  const { clinicId, a, onDone } = props
  const change = useStatusChange(clinicId)
  const [cancelling, setCancelling] = useState(false)
  const [reason, setReason] = useState('')
  const onTheDay = a.startsAtLocal.date <= props.today
  const available: StatusAction[] =
    a.status === 'booked' && onTheDay ? ['arrive', 'complete', 'no-show'] : a.status === 'arrived' ? ['complete'] : []
  const canCancel = a.status === 'booked' || a.status === 'arrived'
  if (available.length === 0 && !canCancel) return null
  const run = (action: StatusAction) =>
    change.mutate(
      { id: a.id, action, ...(action === 'cancel' ? { reason } : {}) },
      {
        // after a check-in the panel stays open on the new status, so "Mark completed" is one click away
        onSuccess: (next) =>
          onDone(
            `${ACTIONS[action].done}: ${whoLabel(next)}, ${kindLabel(next).toLowerCase()} at ${formatLocalTime(next.startsAtLocal.time)}${action === 'cancel' ? ` (${reason.trim()})` : ''}.`,
            action === 'arrive'
          ),
      }
    )
  const cancel = (e: FormEvent) => {
    e.preventDefault()
    run('cancel')
  }
  return (
    <section className="status-actions" aria-label="Status">
      <div className="button-row">
        {available.map((action) => (
          <button key={action} type="button" className="button" disabled={change.isPending} onClick={() => run(action)}>
            {ACTIONS[action].label}
          </button>
        ))}
        {canCancel && !cancelling ? (
          <button type="button" className="button button-danger" onClick={() => setCancelling(true)}>
            Cancel appointment…
          </button>
        ) : null}
      </div>
      {cancelling ? (
        <form className="inline-form" onSubmit={cancel} noValidate>
          <TextField
            label="Reason for cancelling"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            required
            autoFocus
          />
          <button type="submit" className="button button-danger" disabled={change.isPending || reason.trim() === ''}>
            Cancel the appointment
          </button>
          <button type="button" className="button button-secondary" onClick={() => setCancelling(false)}>
            Keep it
          </button>
        </form>
      ) : null}
      {change.error ? (
        <p className="form-error" role="alert">
          {refusalText(change.error)}
        </p>
      ) : null}
    </section>
  )
}

function MoveForm(props: {
  clinicId: string
  a: Appointment
  locations: ClinicLocation[]
  onDone: (text: string) => void
}) {
  const { a } = props
  const move = useReschedule(props.clinicId)
  const [to, setTo] = useState({
    date: a.startsAtLocal.date,
    time: a.startsAtLocal.time,
    locationId: a.locationId,
    practitionerId: a.practitionerId,
    chairId: a.chairId,
  })
  const [reason, setReason] = useState('')
  const location = props.locations.find((l) => l.id === to.locationId)
  const staff = location?.practitioners ?? []
  const chairs = (location?.chairs ?? []).filter((c) => c.active !== false)
  const done = (next: Appointment) => {
    const where = props.locations.find((l) => l.id === next.locationId)
    const chair = where?.chairs.find((c) => c.id === next.chairId)?.name
    props.onDone(
      `Moved ${whoLabel(next)} to ${whenLabel(next.startsAtLocal)} with ${next.practitionerName ?? 'the practitioner'}${chair ? ` · ${chair}` : ''}${next.locationId !== a.locationId ? ` at ${where?.name ?? 'the other location'}` : ''}.`
    )
  }
  const why = reason.trim() || 'Moved at the front desk'
  const submit = (e: FormEvent) => {
    e.preventDefault()
    move.mutate(
      {
        appointment: a,
        reason: why,
        ...(to.date !== a.startsAtLocal.date || to.time !== a.startsAtLocal.time
          ? { startsAtLocal: { date: to.date, time: to.time } }
          : {}),
        practitionerId: to.practitionerId,
        locationId: to.locationId,
        // a chair of another location cannot come along: any free chair there
        ...(to.chairId !== '' ? { chairId: to.chairId } : {}),
      },
      { onSuccess: done }
    )
  }
  const pick = (t: FreeTime) =>
    move.mutate(
      {
        appointment: a,
        reason: why,
        startsAt: t.startsAt,
        practitionerId: t.practitionerId,
        chairId: t.chairId,
        locationId: t.locationId,
      },
      { onSuccess: done }
    )
  return (
    <section aria-label="Move">
      <h3>Move</h3>
      <form className="form move-form" onSubmit={submit} noValidate>
        <div className="row">
          <TextField
            label="Date"
            type="date"
            value={to.date}
            onChange={(e) => setTo({ ...to, date: e.target.value })}
          />
          <TextField
            label="Time"
            type="time"
            step={900}
            value={to.time}
            onChange={(e) => setTo({ ...to, time: e.target.value })}
          />
        </div>
        <div className="row">
          <SelectField
            label="Location"
            value={to.locationId}
            onChange={(e) => {
              const next = props.locations.find((l) => l.id === e.target.value)
              setTo({
                ...to,
                locationId: e.target.value,
                chairId: '',
                practitionerId: next?.practitioners.some((p) => p.membershipId === to.practitionerId)
                  ? to.practitionerId
                  : (next?.practitioners[0]?.membershipId ?? ''),
              })
            }}
            options={props.locations.map((l) => ({ value: l.id, label: l.name }))}
          />
          <SelectField
            label="Practitioner"
            value={to.practitionerId}
            onChange={(e) => setTo({ ...to, practitionerId: e.target.value })}
            options={[
              ...staff.map((p) => ({ value: p.membershipId, label: p.displayName })),
              ...(staff.some((p) => p.membershipId === to.practitionerId)
                ? []
                : [{ value: to.practitionerId, label: a.practitionerName ?? 'Current practitioner' }]),
            ]}
          />
          <SelectField
            label="Chair"
            value={to.chairId}
            onChange={(e) => setTo({ ...to, chairId: e.target.value })}
            options={[{ value: '', label: 'Any free chair' }, ...chairs.map((c) => ({ value: c.id, label: c.name }))]}
          />
        </div>
        <TextField
          label="Reason (kept in the history)"
          value={reason}
          placeholder="Moved at the front desk"
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        {move.error ? (
          <Refusal
            error={move.error}
            offered={offeredTimes(move.error)}
            verb="Move"
            pending={move.isPending}
            onPick={pick}
          />
        ) : null}
        <button type="submit" className="button" disabled={move.isPending}>
          {move.isPending ? 'Moving…' : 'Move'}
        </button>
      </form>
    </section>
  )
}

function WebsiteBooking(props: {
  clinicId: string
  a: Appointment
  matches: { id: string; name: string; email: string | null; phone: string | null }[]
}) {
  const { a } = props
  const link = useLinkClient(props.clinicId)
  return (
    <section className="website-booking" aria-label="Website booking">
      <p>
        Booked on the website by <strong>{a.contact?.name}</strong> ({a.contact?.email}, {a.contact?.phone}). There is
        no client file for this booking yet.
      </p>
      {props.matches.length > 0 ? (
        <>
          <p>These clients have the same email or phone. Link the booking to one instead of making a second file:</p>
          <ul className="pick-list">
            {props.matches.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={link.isPending}
                  onClick={() => link.mutate({ appointmentId: a.id, clientId: m.id })}
                >
                  Link to {m.name}
                  <span className="muted"> {[m.email, m.phone].filter(Boolean).join(' · ')}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {link.error ? (
        <p className="form-error" role="alert">
          {refusalText(link.error)}
        </p>
      ) : null}
      <NewClientForm clinicId={props.clinicId} appointment={a} />
    </section>
  )
}

const CHANGE_WORDS: Record<AppointmentChange['change'], string> = {
  booked: 'Booked',
  arrived: 'Checked in',
  rescheduled: 'Moved',
  cancelled: 'Cancelled',
  'no-show': 'Marked as a no-show',
  completed: 'Completed',
  linked: 'Linked to a client file',
}

function History({ changes, locations }: { changes: AppointmentChange[]; locations: ClinicLocation[] }) {
  if (changes.length === 0) return <p className="muted">No changes recorded.</p>
  const practitioner = (id: string | undefined) =>
    locations.flatMap((l) => l.practitioners).find((p) => p.membershipId === id)?.displayName ?? 'another practitioner'
  const chair = (id: string | undefined) =>
    locations.flatMap((l) => l.chairs).find((c) => c.id === id)?.name ?? 'a chair'
  const place = (id: string | undefined) => locations.find((l) => l.id === id)?.name ?? 'another location'
  return (
    <ol className="history">
      {changes.map((h, i) => {
        const what: string[] = []
        if (h.change === 'rescheduled') {
          if (
            h.fromStartsAtLocal &&
            h.toStartsAtLocal &&
            h.fromStartsAtLocal.date + h.fromStartsAtLocal.time !== h.toStartsAtLocal.date + h.toStartsAtLocal.time
          )
            what.push(`from ${whenLabel(h.fromStartsAtLocal)} to ${whenLabel(h.toStartsAtLocal)}`)
          if (h.detail.toPractitionerId) what.push(`to ${practitioner(h.detail.toPractitionerId)}`)
          if (h.detail.toLocationId) what.push(`to ${place(h.detail.toLocationId)}`)
          if (h.detail.toChairId) what.push(`to ${chair(h.detail.toChairId)}`)
        }
        if (h.change === 'booked' && h.toStartsAtLocal) what.push(`for ${whenLabel(h.toStartsAtLocal)}`)
        return (
          // the history is append-only: an index is a stable key
          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
          <li key={i}>
            <span className="muted">
              {whenLabel(h.atLocal)} · {h.by}
            </span>
            <br />
            {CHANGE_WORDS[h.change]}
            {what.length > 0 ? ` ${what.join(', ')}` : ''}
            {h.reason ? `: ${h.reason}` : ''}
          </li>
        )
      })}
    </ol>
  )
}
