// Today at each location: who comes in, when, for what and with whom, checked in with one click as they arrive; new
// requests from the website stand out. Each location's day and times are its own, as the server computed them.
import { useState } from 'react'
import { Link } from 'react-router'
import type { Appointment, ClinicLocation } from '../api/types.ts'
import { formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import {
  kindLabel,
  refusalText,
  STATUS_LABELS,
  spanLabel,
  useAppointments,
  useStatusChange,
  whoLabel,
} from './appointments.ts'
import { type ClinicSetup, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { NewClientForm } from './new-client-form.tsx'
import { Toast, type ToastMessage } from './side-panel.tsx'

export function TodayPage() {
  const { clinicId, membership } = useClinicContext()
  const setup = useClinicSetup(clinicId)
  return (
    <section aria-labelledby="today-title">
      <h1 id="today-title">Today</h1>
      <p className="lead">Good to see you, {membership.displayName.split(' ')[0]}.</p>
      <QueryView query={setup} what="the clinic's locations">
        {(data) => <TodayAt clinicId={clinicId} setup={data} />}
      </QueryView>
    </section>
  )
}

function TodayAt({ clinicId, setup }: { clinicId: string; setup: ClinicSetup }) {
  // each location's own date now, from the server; a range wide enough for all of them
  const dates = setup.locations.map((l) => l.now.date).sort()
  const from = dates[0] ?? ''
  const to = dates.at(-1) ?? ''
  const appointments = useAppointments(clinicId, from, to)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const say = (ok: boolean, text: string) => setToast((t) => ({ ok, text, id: (t?.id ?? 0) + 1 }))
  if (setup.locations.length === 0)
    return (
      <Empty>
        <p>No locations are set up for this clinic yet.</p>
      </Empty>
    )
  return (
    <QueryView query={appointments} what="today's appointments">
      {(items) => {
        const locations: ClinicLocation[] = setup.locations
        if (locations.length === 0)
          return (
            <Empty>
              <p>Nothing booked today.</p>
            </Empty>
          )
        return (
          <div className="columns">
            <Toast message={toast} focus={true} onDismiss={() => setToast(null)} />
            {locations.map((l) => {
              const day = l.now.date
              const here = items
                .filter((a) => a.locationId === l.id && a.status !== 'cancelled' && a.startsAtLocal.date === day)
                .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
              return (
                <section key={l.id} className="card" aria-labelledby={`loc-${l.id}`}>
                  <h2 id={`loc-${l.id}`}>
                    {l.name} <span className="muted">· {formatLocalDate(day)}</span>
                  </h2>
                  {here.length === 0 ? (
                    <p className="state-empty">Nothing booked here today.</p>
                  ) : (
                    <ol className="agenda">
                      {here.map((a) => (
                        <AgendaItem key={a.id} clinicId={clinicId} a={a} setup={setup} say={say} />
                      ))}
                    </ol>
                  )}
                </section>
              )
            })}
          </div>
        )
      }}
    </QueryView>
  )
}

function AgendaItem({
  clinicId,
  a,
  setup,
  say,
}: {
  clinicId: string
  a: Appointment
  setup: ClinicSetup
  say: (ok: boolean, text: string) => void
}) {
  const change = useStatusChange(clinicId)
  const act = (action: 'arrive' | 'complete') =>
    change.mutate(
      { id: a.id, action },
      {
        onSuccess: (next) =>
          say(
            true,
            `${whoLabel(next)} ${action === 'arrive' ? 'is checked in' : 'is done'} (${kindLabel(next).toLowerCase()}, ${spanLabel(next)}).`
          ),
        onError: (error) => say(false, `${whoLabel(a)}: ${refusalText(error)}`),
      }
    )
  const practitioner =
    a.practitionerName ?? setup.practitioners.find((p) => p.membershipId === a.practitionerId)?.displayName
  const chair = setup.chairs.find((c) => c.id === a.chairId)?.name
  return (
    <li className={`agenda-item status-${a.status}`}>
      <span className="agenda-time">{spanLabel(a)}</span>
      <span className="agenda-what">
        {a.clientId === null ? (
          whoLabel(a)
        ) : (
          <Link to={`/clinic/${clinicId}/clients/${a.clientId}`}>{whoLabel(a)}</Link>
        )}{' '}
        · {kindLabel(a)}
        {a.source === 'public' ? <span className="badge">New from the website</span> : null}
        {a.status !== 'booked' ? <span className="badge">{STATUS_LABELS[a.status] ?? a.status}</span> : null}
      </span>
      {a.status === 'booked' || a.status === 'arrived' ? (
        <span className="agenda-who">
          <button
            type="button"
            className="button button-secondary"
            disabled={change.isPending}
            onClick={() => act(a.status === 'booked' ? 'arrive' : 'complete')}
            aria-label={`${a.status === 'booked' ? 'Check in' : 'Mark completed'}: ${whoLabel(a)}, ${spanLabel(a)}`}
          >
            {a.status === 'booked' ? 'Check in' : 'Mark completed'}
          </button>
        </span>
      ) : null}
      <span className="agenda-who muted">{[practitioner, chair].filter(Boolean).join(' · ')}</span>
      {a.clientId === null && a.contact ? (
        <span className="agenda-who">
          {a.contact.email} · {a.contact.phone} <NewClientForm clinicId={clinicId} appointment={a} />
        </span>
      ) : null}
    </li>
  )
}
