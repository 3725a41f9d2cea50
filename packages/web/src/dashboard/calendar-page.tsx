// The calendar where the front desk runs the day: per practitioner or chair, day or week, at one location. Click a
// free part of a column to book there (or "New booking" / "Walk-in"), select an appointment to check the client in,
// complete, mark a no-show, cancel or move it, and drag it to move it. Times are the location's wall clock as the
// server computed them; the server keeps every rule and a refusal is shown with its reason and the next free times.
import { type MouseEvent, type PointerEvent, useCallback, useRef, useState } from 'react'
import type { Appointment, ClinicLocation } from '../api/types.ts'
import { SelectField } from '../ui/field.tsx'
import { addDays, formatLocalDate, formatLocalTime } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { AppointmentPanel } from './appointment-panel.tsx'
import {
  DRAG_REASON,
  kindLabel,
  refusalText,
  STATUS_LABELS,
  spanLabel,
  useAppointments,
  useReschedule,
  whenLabel,
  whoLabel,
} from './appointments.ts'
import { type BookingDraft, BookingPanel } from './booking-panel.tsx'
import {
  type Column,
  closedBands,
  DAY_END_MIN,
  DAY_START_MIN,
  dropTarget,
  hourLabels,
  isOpenAt,
  openRanges,
  type Placed,
  PX_PER_MIN,
  place,
  timeAt,
} from './calendar-grid.ts'
import { type ClinicSetup, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { Toast, type ToastMessage } from './side-panel.tsx'

type View = 'day' | 'week'

/** The status for the event's name: words without "show", so the toolbar's "Show" stays the one field so named. */
const statusWords = (a: Appointment) =>
  a.status === 'booked' ? '' : a.status === 'no-show' ? ', did not come' : `, ${STATUS_LABELS[a.status]?.toLowerCase()}`
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

/** "Mon, Dec 7" of a calendar date. */
const shortDate = (date: string) => formatLocalDate(date).replace(/, \d{4}$/, '')

type Open = { kind: 'booking'; draft: BookingDraft } | { kind: 'appointment'; appointment: Appointment } | null

function Calendar({ clinicId, setup }: { clinicId: string; setup: ClinicSetup }) {
  const [locationId, setLocationId] = useState(setup.locations[0]?.id ?? '')
  const location = (setup.locations.find((l) => l.id === locationId) ?? setup.locations[0]) as ClinicLocation
  const [view, setView] = useState<View>('day')
  const [by, setBy] = useState<By>('practitioner')
  // "today" is the location's date as the server sees it now
  const [date, setDate] = useState(() => location.now.date)
  const chairs = location.chairs
  const staffHere = location.practitioners.map((p) => ({ id: p.membershipId, label: p.displayName }))
  const [resourceId, setResourceId] = useState<string>('')
  const first = view === 'day' ? date : mondayOf(date)
  const days = view === 'day' ? 1 : 7
  const appointments = useAppointments(clinicId, first, addDays(first, days - 1), location.id)
  const [open, setOpen] = useState<Open>(null)
  const [showCancelled, setShowCancelled] = useState(false)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const say = useCallback((ok: boolean, text: string) => setToast((t) => ({ ok, text, id: (t?.id ?? 0) + 1 })), [])
  const close = useCallback(() => setOpen(null), [])
  // a panel holds the eye: what it says is said inside it, and the last message goes
  const show = (next: Open) => {
    setToast(null)
    setOpen(next)
  }

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
  const resources = resourcesFor(appointments.data ?? [])
  const resource = resources.find((r) => r.id === resourceId) ?? resources[0]
  const columns: Column[] =
    view === 'day'
      ? resources.map((r) => ({ key: r.id, label: r.label, date: first, ...key(r.id) }))
      : resource === undefined
        ? []
        : Array.from({ length: 7 }, (_, i) => {
            const d = addDays(first, i)
            return { key: d, label: shortDate(d), date: d, ...key(resource.id) }
          })

  const newBooking = (draft: Partial<BookingDraft> = {}) =>
    show({
      kind: 'booking',
      draft: {
        locationId: location.id,
        date: first,
        // the next quarter hour when booking for today, else the morning
        time:
          first === location.now.date
            ? `${location.now.time.slice(0, 3)}${String(Math.min(45, Math.ceil(Number(location.now.time.slice(3)) / 15) * 15)).padStart(2, '0')}`
            : '10:00',
        practitionerId: location.practitioners[0]?.membershipId ?? '',
        chairId: '',
        ...draft,
      },
    })

  return (
    // while a panel is open the calendar makes room for it, so no column hides under it
    <div className={open === null ? 'calendar-area' : 'calendar-area calendar-area-with-panel'}>
      <Toast message={toast} focus={open === null} onDismiss={() => setToast(null)} />
      <div className="toolbar">
        <SelectField
          label="Location"
          value={location.id}
          onChange={(e) => {
            setLocationId(e.target.value)
            setOpen(null)
          }}
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
        <label className="check-field">
          <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} /> Show
          cancelled
        </label>
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
          <button type="button" className="button button-secondary" onClick={() => setDate(location.now.date)}>
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
          <span className="date-label">
            {view === 'day' ? formatLocalDate(first) : `Week of ${formatLocalDate(first)}`}
          </span>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => newBooking()}>
            New booking
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => newBooking({ date: location.now.date, walkIn: true })}
          >
            Walk-in
          </button>
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
            <Grid
              clinicId={clinicId}
              columns={columns}
              items={items}
              location={location}
              showCancelled={showCancelled}
              onOpen={(a) => show({ kind: 'appointment', appointment: a })}
              onFree={(column, time) =>
                newBooking({
                  date: column.date,
                  time,
                  ...(column.practitionerId ? { practitionerId: column.practitionerId } : {}),
                  ...(column.chairId ? { chairId: column.chairId } : {}),
                })
              }
              say={say}
            />
          )
        }
      </QueryView>
      {open?.kind === 'booking' ? (
        <BookingPanel
          key={`${open.draft.date}-${open.draft.time}-${open.draft.practitionerId}-${open.draft.chairId}-${open.draft.walkIn}`}
          clinicId={clinicId}
          locations={setup.locations}
          draft={open.draft}
          onClose={close}
          onBooked={(a, text) => {
            setOpen(null)
            if (a.startsAtLocal.date !== first && view === 'day') setDate(a.startsAtLocal.date)
            say(true, text)
          }}
        />
      ) : open?.kind === 'appointment' ? (
        <AppointmentPanel
          key={open.appointment.id}
          clinicId={clinicId}
          appointment={open.appointment}
          locations={setup.locations}
          onClose={close}
          onDone={(text, keepOpen) => {
            if (!keepOpen) setOpen(null)
            say(true, text)
          }}
        />
      ) : null}
    </div>
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
  location: ClinicLocation
  showCancelled: boolean
  onOpen: (a: Appointment) => void
  onFree: (column: Column, time: string) => void
  say: (ok: boolean, text: string) => void
}) {
  const { clinicId, columns, items, say } = props
  const reschedule = useReschedule(clinicId)
  const [drag, setDrag] = useState<Drag | null>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const placed = place(columns, items, { showCancelled: props.showCancelled })
  const height = (DAY_END_MIN - DAY_START_MIN) * PX_PER_MIN
  // when each column can be booked: the location's opening hours, and the practitioner's working hours there
  const openOf = (c: Column) =>
    openRanges(
      c.date,
      props.location.openingHours,
      c.practitionerId === undefined
        ? undefined
        : props.location.practitioners.find((p) => p.membershipId === c.practitionerId)?.workingHours
    )

  const move = (a: Appointment, target: NonNullable<ReturnType<typeof dropTarget>>) => {
    const { column } = target
    reschedule.mutate(
      {
        appointment: a,
        startsAtLocal: target.startsAtLocal,
        reason: DRAG_REASON,
        ...(column.chairId ? { chairId: column.chairId } : {}),
        ...(column.practitionerId ? { practitionerId: column.practitionerId } : {}),
      },
      {
        onSuccess: (next) =>
          say(
            true,
            `Moved ${whoLabel(a)} to ${whenLabel(next.startsAtLocal)} with ${next.practitionerName ?? 'the practitioner'}${column.chairId ? ` (${column.label})` : ''}.`
          ),
        onError: (error) =>
          say(false, `Could not move ${whoLabel(a)}: ${refusalText(error)}. Select it to see free times.`),
      }
    )
  }

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>, p: Placed) => {
    if (e.button !== 0 || reschedule.isPending) return
    // a cancelled appointment opens (its history and reason) but does not move
    if (p.appointment.status === 'cancelled') return
    e.currentTarget.setPointerCapture(e.pointerId)
    setDrag({ id: p.appointment.id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: 0, dy: 0 })
  }
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (drag === null || e.pointerId !== drag.pointerId) return
    setDrag({ ...drag, dx: e.clientX - drag.x, dy: e.clientY - drag.y })
  }
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>, p: Placed) => {
    if (p.appointment.status === 'cancelled' && e.button === 0) {
      props.onOpen(p.appointment)
      return
    }
    if (drag === null || e.pointerId !== drag.pointerId) return
    const width = (bodyRef.current?.getBoundingClientRect().width ?? 0) / columns.length
    const target = dropTarget(columns, p, drag.dx, drag.dy, width)
    setDrag(null)
    if (target === null) props.onOpen(p.appointment)
    else move(p.appointment, target)
  }
  // a click on an empty part of a column books there
  const onBodyClick = (e: MouseEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget && !(e.target as HTMLElement).classList.contains('cal-col')) return
    const box = e.currentTarget.getBoundingClientRect()
    const index = Math.floor(((e.clientX - box.left) / box.width) * columns.length)
    const column = columns[Math.min(columns.length - 1, Math.max(0, index))]
    if (column === undefined) return
    const time = timeAt(e.clientY - box.top)
    // closed hours are shaded and book nothing
    if (isOpenAt(openOf(column), time)) props.onFree(column, time)
  }

  return (
    <div className="calendar">
      <p className="muted">
        Click a free time to book it (shaded hours are closed). Select an appointment to check the client in, complete,
        cancel or move it; or drag it to another time{columns[0]?.practitionerId ? ' or practitioner' : ' or chair'}.
      </p>
      <div className="cal" style={{ gridTemplateColumns: `5.5rem repeat(${columns.length}, minmax(8rem, 1fr))` }}>
        <div className="cal-corner" />
        {columns.map((c) => (
          <div key={c.key} className="cal-head">
            {c.label}
          </div>
        ))}
        <div className="cal-hours" style={{ height }}>
          {hourLabels().map((h) => (
            <span key={h.label} style={{ top: h.top }}>
              {formatLocalTime(h.label)}
            </span>
          ))}
        </div>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the pointer shortcut for booking; "New booking" does the same from the keyboard */}
        <div
          ref={bodyRef}
          className="cal-body"
          data-testid="calendar-body"
          onClick={onBodyClick}
          style={{
            height,
            gridColumn: `2 / span ${columns.length}`,
            gridTemplateColumns: `repeat(${columns.length}, 1fr)`,
          }}
        >
          {columns.map((c) => {
            const open = openOf(c)
            return (
              <div key={c.key} className="cal-col">
                {closedBands(open).map((b) => (
                  <div
                    key={b.top}
                    className="cal-closed"
                    title={open.length === 0 ? 'Closed all day' : 'Closed'}
                    style={{ top: b.top, height: b.height }}
                  >
                    {b.height >= 24 ? <span>{open.length === 0 ? 'Closed all day' : 'Closed'}</span> : null}
                  </div>
                ))}
              </div>
            )
          })}
          {placed.map((p) => {
            const a = p.appointment
            const dragging = drag?.id === a.id
            return (
              <button
                key={a.id}
                type="button"
                className={`cal-event kind-${a.kind} status-${a.status}${dragging ? ' cal-event-dragging' : ''}`}
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
                    props.onOpen(a)
                  }
                }}
                aria-label={`${whoLabel(a)}, ${kindLabel(a)}, ${spanLabel(a)}${statusWords(a)}`}
              >
                <strong>{formatLocalTime(a.startsAtLocal.time)}</strong> {whoLabel(a)}
                <span>
                  {kindLabel(a)}
                  {a.status === 'booked' ? '' : ` · ${STATUS_LABELS[a.status] ?? a.status}`}
                </span>
              </button>
            )
          })}
        </div>
      </div>
    </div>
  )
}
