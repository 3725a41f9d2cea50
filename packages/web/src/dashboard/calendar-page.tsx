// A calendar per practitioner or chair, day or week, at one location. Drag an appointment (mouse, pen or finger) to
// move it, or open it and pick a new time from the keyboard; the server keeps the spacing and overlap rules and a
// refusal is shown with its reason.
import { instantToZoned, zonedToInstant } from '@stipple/domain'
import { type PointerEvent, useRef, useState } from 'react'
import { ApiError } from '../api/client.ts'
import type { Appointment } from '../api/types.ts'
import { SelectField } from '../ui/field.tsx'
import { addDays, formatDate, formatTime, todayIn } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { DRAG_REASON, kindLabel, useAppointments, useReschedule, whoLabel } from './appointments.ts'
import {
  type Column,
  DAY_END_MIN,
  DAY_START_MIN,
  dropTarget,
  hourLabels,
  type Placed,
  PX_PER_MIN,
  place,
} from './calendar-grid.ts'
import { type ClinicSetup, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { NewClientForm } from './new-client-form.tsx'

type View = 'day' | 'week'
type By = 'practitioner' | 'chair'

export function CalendarPage() {
  const { clinicId } = useClinicContext()
  const setup = useClinicSetup(clinicId)
  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">Calendar</h1>
      <QueryView query={setup} what="the clinic's locations">
        {(data) =>
          data.locations.length === 0 ? (
            <Empty>
              <p>No locations are set up for this clinic yet.</p>
            </Empty>
          ) : (
            <Calendar clinicId={clinicId} setup={data} />
          )
        }
      </QueryView>
    </section>
  )
}

function mondayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay()
  return addDays(date, -((day + 6) % 7))
}

function Calendar({ clinicId, setup }: { clinicId: string; setup: ClinicSetup }) {
  const [locationId, setLocationId] = useState(setup.locations[0]?.id ?? '')
  const location = setup.locations.find((l) => l.id === locationId) ?? setup.locations[0]
  const timeZone = location?.timeZone ?? 'UTC'
  const [view, setView] = useState<View>('day')
  const [by, setBy] = useState<By>('practitioner')
  const [date, setDate] = useState(() => todayIn(timeZone))
  const chairs = setup.chairs.filter((c) => c.locationId === location?.id)
  const staffHere = (location?.practitioners ?? []).map((p) => ({ id: p.membershipId, label: p.displayName }))
  const [resourceId, setResourceId] = useState<string>('')
  const first = view === 'day' ? date : mondayOf(date)
  const days = view === 'day' ? 1 : 7
  const from = first
  const to = addDays(first, days - 1)
  const appointments = useAppointments(clinicId, from, to, location?.id)

  const key = (id: string) => (by === 'practitioner' ? { practitionerId: id } : { chairId: id })
  // the people who work here, and anyone else with an appointment here in the range shown
  const resourcesFor = (items: Appointment[]) => {
    if (by === 'chair') return chairs.map((c) => ({ id: c.id, label: c.name }))
    const out = [...staffHere]
    for (const a of items)
      if (a.status !== 'cancelled' && !out.some((r) => r.id === a.practitionerId))
        out.push({ id: a.practitionerId, label: a.practitionerName ?? 'Practitioner' })
    return out
  }
  const columnsFor = (resources: { id: string; label: string }[], resource: { id: string } | undefined): Column[] =>
    view === 'day'
      ? resources.map((r) => ({ key: r.id, label: r.label, date: first, ...key(r.id) }))
      : resource === undefined
        ? []
        : Array.from({ length: 7 }, (_, i) => {
            const d = addDays(first, i)
            return { key: d, label: formatDate(d).replace(/, \d{4}$/, ''), date: d, ...key(resource.id) }
          })
  const resources = resourcesFor(appointments.data ?? [])
  const resource = resources.find((r) => r.id === resourceId) ?? resources[0]
  const columns = columnsFor(resources, resource)

  return (
    <>
      <div className="toolbar">
        <SelectField
          label="Location"
          value={location?.id ?? ''}
          onChange={(e) => setLocationId(e.target.value)}
          options={setup.locations.map((l) => ({ value: l.id, label: l.name }))}
        />
        <SelectField
          label="Show"
          value={view}
          onChange={(e) => setView(e.target.value as View)}
          options={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
        />
        <SelectField
          label="By"
          value={by}
          onChange={(e) => setBy(e.target.value as By)}
          options={[
            { value: 'practitioner', label: 'Practitioner' },
            { value: 'chair', label: 'Chair' },
          ]}
        />
        {view === 'week' ? (
          <SelectField
            label={by === 'practitioner' ? 'Practitioner' : 'Chair'}
            value={resource?.id ?? ''}
            onChange={(e) => setResourceId(e.target.value)}
            options={resources.map((r) => ({ value: r.id, label: r.label }))}
          />
        ) : null}
        <div className="date-nav">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setDate(addDays(date, -days))}
            aria-label={view === 'day' ? 'Previous day' : 'Previous week'}
          >
            ‹
          </button>
          <button type="button" className="button button-secondary" onClick={() => setDate(todayIn(timeZone))}>
            Today
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setDate(addDays(date, days))}
            aria-label={view === 'day' ? 'Next day' : 'Next week'}
          >
            ›
          </button>
          <span className="date-label">{view === 'day' ? formatDate(first) : `Week of ${formatDate(first)}`}</span>
        </div>
      </div>
      <QueryView query={appointments} what="appointments">
        {(items) =>
          columns.length === 0 ? (
            <Empty>
              <p>
                {by === 'practitioner'
                  ? 'No practitioners work at this location yet.'
                  : 'No chairs are set up at this location yet.'}
              </p>
            </Empty>
          ) : (
            <Grid clinicId={clinicId} columns={columns} items={items} timeZone={timeZone} setup={setup} />
          )
        }
      </QueryView>
    </>
  )
}

interface Drag {
  id: string
  pointerId: number
  x: number
  y: number
  dx: number
  dy: number
}

function Grid(props: {
  clinicId: string
  columns: Column[]
  items: Appointment[]
  timeZone: string
  setup: ClinicSetup
}) {
  const { clinicId, columns, items, timeZone } = props
  const reschedule = useReschedule(clinicId)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [open, setOpen] = useState<Appointment | null>(null)
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const placed = place(columns, items, timeZone)
  const height = (DAY_END_MIN - DAY_START_MIN) * PX_PER_MIN

  const move = (a: Appointment, startsAt: string, column: Column, reason = DRAG_REASON) => {
    setNotice(null)
    // a booking keeps its practitioner: giving it to someone else is a new booking, not a move
    if (column.practitionerId !== undefined && column.practitionerId !== a.practitionerId) {
      setNotice({
        ok: false,
        text: `${whoLabel(a)} stays with ${a.practitionerName ?? 'the same practitioner'}: to change practitioner, cancel and book again. Drag up or down to change the time.`,
      })
      return
    }
    reschedule.mutate(
      { appointment: a, startsAt, reason, ...(column.chairId ? { chairId: column.chairId } : {}) },
      {
        onSuccess: () => {
          setOpen(null)
          setNotice({
            ok: true,
            text: `Moved ${whoLabel(a)} to ${formatDate(startsAt, timeZone)}, ${formatTime(startsAt, timeZone)}${column.chairId ? ` (${column.label})` : ''}`,
          })
        },
        onError: (error) => {
          const reasons =
            error instanceof ApiError ? [error.message, ...error.problems.map((p) => p.message)] : [String(error)]
          setNotice({ ok: false, text: `Could not move ${whoLabel(a)}: ${[...new Set(reasons)].join(' ')}` })
        },
      }
    )
  }

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>, p: Placed) => {
    if (e.button !== 0 || reschedule.isPending) return
    e.currentTarget.setPointerCapture(e.pointerId)
    setDrag({ id: p.appointment.id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: 0, dy: 0 })
  }
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (drag === null || e.pointerId !== drag.pointerId) return
    setDrag({ ...drag, dx: e.clientX - drag.x, dy: e.clientY - drag.y })
  }
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>, p: Placed) => {
    if (drag === null || e.pointerId !== drag.pointerId) return
    const width = (bodyRef.current?.getBoundingClientRect().width ?? 0) / columns.length
    const target = dropTarget(columns, p, drag.dx, drag.dy, width, timeZone)
    setDrag(null)
    if (target === null) setOpen(p.appointment)
    else move(p.appointment, target.startsAt, target.column)
  }

  return (
    <div className="calendar">
      <div
        aria-live="polite"
        className={notice === null ? 'sr-only' : notice.ok ? 'notice notice-ok' : 'notice notice-error'}
        role={notice?.ok === false ? 'alert' : undefined}
      >
        {notice?.text ?? ''}
      </div>
      <p className="muted">Drag an appointment to move it, or select it to choose a new time.</p>
      <div className="cal" style={{ gridTemplateColumns: `4rem repeat(${columns.length}, minmax(8rem, 1fr))` }}>
        <div className="cal-corner" />
        {columns.map((c) => (
          <div key={c.key} className="cal-head">
            {c.label}
          </div>
        ))}
        <div className="cal-hours" style={{ height }}>
          {hourLabels().map((h) => (
            <span key={h.label} style={{ top: h.top }}>
              {h.label}
            </span>
          ))}
        </div>
        <div
          ref={bodyRef}
          className="cal-body"
          style={{
            height,
            gridColumn: `2 / span ${columns.length}`,
            gridTemplateColumns: `repeat(${columns.length}, 1fr)`,
          }}
        >
          {columns.map((c) => (
            <div key={c.key} className="cal-col" />
          ))}
          {placed.map((p) => {
            const dragging = drag?.id === p.appointment.id
            return (
              <button
                key={p.appointment.id}
                type="button"
                className={`cal-event kind-${p.appointment.kind}${dragging ? ' cal-event-dragging' : ''}`}
                style={{
                  top: p.top,
                  height: p.height,
                  left: `calc(${(100 * p.column) / columns.length}% + 2px)`,
                  width: `calc(${100 / columns.length}% - 4px)`,
                  transform: dragging ? `translate(${drag.dx}px, ${drag.dy}px)` : undefined,
                }}
                onPointerDown={(e) => onPointerDown(e, p)}
                onPointerMove={onPointerMove}
                onPointerUp={(e) => onPointerUp(e, p)}
                onPointerCancel={() => setDrag(null)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault()
                    setOpen(p.appointment)
                  }
                }}
                aria-label={`${whoLabel(p.appointment)}, ${kindLabel(p.appointment)}, ${formatTime(p.appointment.startsAt, timeZone)} to ${formatTime(p.appointment.endsAt, timeZone)}`}
              >
                <strong>{formatTime(p.appointment.startsAt, timeZone)}</strong> {whoLabel(p.appointment)}
                <span>{kindLabel(p.appointment)}</span>
              </button>
            )
          })}
        </div>
      </div>
      {open === null ? null : (
        <MovePanel
          clinicId={clinicId}
          appointment={open}
          columns={columns}
          timeZone={timeZone}
          pending={reschedule.isPending}
          onCancel={() => setOpen(null)}
          onMove={(startsAt, column, reason) => move(open, startsAt, column, reason)}
        />
      )}
    </div>
  )
}

function MovePanel(props: {
  clinicId: string
  appointment: Appointment
  columns: Column[]
  timeZone: string
  pending: boolean
  onCancel: () => void
  onMove: (startsAt: string, column: Column, reason: string) => void
}) {
  const { appointment, timeZone } = props
  const here = instantToZoned(Date.parse(appointment.startsAt), timeZone)
  const [date, setDate] = useState(here.date)
  const [time, setTime] = useState(
    `${String(Math.floor(here.minutes / 60)).padStart(2, '0')}:${String(here.minutes % 60).padStart(2, '0')}`
  )
  const resources = props.columns.filter(
    (c, i, all) => all.findIndex((o) => (o.practitionerId ?? o.chairId) === (c.practitionerId ?? c.chairId)) === i
  )
  const current = resources.find(
    (c) => c.practitionerId === appointment.practitionerId || c.chairId === appointment.chairId
  )
  const [resourceKey, setResourceKey] = useState(current?.key ?? resources[0]?.key ?? '')
  const [reason, setReason] = useState('')
  // chairs can be swapped here; a practitioner stays with the booking
  const byChair = resources[0]?.chairId !== undefined
  const submit = () => {
    const [h, m] = time.split(':').map(Number)
    const column = resources.find((c) => c.key === resourceKey) ?? current
    if (column === undefined || h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return
    props.onMove(
      new Date(zonedToInstant(date, h * 60 + m, timeZone)).toISOString(),
      { ...column, date },
      reason.trim() || DRAG_REASON
    )
  }
  return (
    <section className="card move-panel" aria-labelledby="move-title">
      <h2 id="move-title">
        Move {whoLabel(appointment)} · {kindLabel(appointment)}
      </h2>
      {appointment.clientId === null && appointment.contact ? (
        <div className="stack">
          <p>
            Booked on the website by {appointment.contact.name} ({appointment.contact.email},{' '}
            {appointment.contact.phone}).
          </p>
          <NewClientForm clinicId={props.clinicId} appointment={appointment} />
        </div>
      ) : null}
      <p>
        Now {formatDate(appointment.startsAt, timeZone)}, {formatTime(appointment.startsAt, timeZone)}–
        {formatTime(appointment.endsAt, timeZone)}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <div className="field">
          <label htmlFor="move-date">New date</label>
          <input id="move-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="move-time">New time</label>
          <input
            id="move-time"
            type="time"
            step={900}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="move-reason">Reason (kept with the change)</label>
          <input
            id="move-reason"
            value={reason}
            placeholder={DRAG_REASON}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </div>
        {byChair && resources.length > 1 && resources[0]?.date === resources[1]?.date ? (
          <SelectField
            label="Chair"
            value={resourceKey}
            onChange={(e) => setResourceKey(e.target.value)}
            options={resources.map((r) => ({ value: r.key, label: r.label }))}
          />
        ) : null}
        <button type="submit" className="button" disabled={props.pending}>
          {props.pending ? 'Moving…' : 'Move'}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Close
        </button>
      </form>
    </section>
  )
}
