// Today at each location: who comes in, when, for what and with whom; new requests from the website stand out.
import { Link } from 'react-router'
import type { Appointment, ClinicLocation } from '../api/types.ts'
import { addDays, formatDate, formatTime, todayIn } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { kindLabel, useAppointments, whoLabel } from './appointments.ts'
import { type ClinicSetup, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { NewClientForm } from './new-client-form.tsx'

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
  const zone = setup.locations[0]?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
  // a day wide enough for every location's time zone; each location's own day is picked out below
  const today = todayIn(zone)
  const from = addDays(today, -1)
  const to = addDays(today, 1)
  const appointments = useAppointments(clinicId, from, to)
  return (
    <QueryView query={appointments} what="today's appointments">
      {(items) => {
        const locations: ClinicLocation[] =
          setup.locations.length > 0
            ? setup.locations
            : [...new Set(items.map((a) => a.locationId))].map((id) => ({
                id,
                name: 'Location',
                timeZone: zone,
                chairs: [],
                practitioners: [],
              }))
        if (locations.length === 0)
          return (
            <Empty>
              <p>Nothing booked today.</p>
            </Empty>
          )
        return (
          <div className="columns">
            {locations.map((l) => {
              const day = todayIn(l.timeZone)
              const here = items
                .filter(
                  (a) =>
                    a.locationId === l.id &&
                    a.status !== 'cancelled' &&
                    todayIn(l.timeZone, new Date(a.startsAt)) === day
                )
                .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
              return (
                <section key={l.id} className="card" aria-labelledby={`loc-${l.id}`}>
                  <h2 id={`loc-${l.id}`}>
                    {l.name} <span className="muted">· {formatDate(day)}</span>
                  </h2>
                  {here.length === 0 ? (
                    <p className="state-empty">Nothing booked here today.</p>
                  ) : (
                    <ol className="agenda">
                      {here.map((a) => (
                        <AgendaItem key={a.id} clinicId={clinicId} a={a} timeZone={l.timeZone} setup={setup} />
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
  timeZone,
  setup,
}: {
  clinicId: string
  a: Appointment
  timeZone: string
  setup: ClinicSetup
}) {
  const practitioner =
    a.practitionerName ?? setup.practitioners.find((p) => p.membershipId === a.practitionerId)?.displayName
  const chair = setup.chairs.find((c) => c.id === a.chairId)?.name
  return (
    <li className={`agenda-item status-${a.status}`}>
      <span className="agenda-time">
        {formatTime(a.startsAt, timeZone)}–{formatTime(a.endsAt, timeZone)}
      </span>
      <span className="agenda-what">
        {a.clientId === null ? (
          whoLabel(a)
        ) : (
          <Link to={`/clinic/${clinicId}/clients/${a.clientId}`}>{whoLabel(a)}</Link>
        )}{' '}
        · {kindLabel(a)}
        {a.source === 'public' ? <span className="badge">New from the website</span> : null}
        {a.status !== 'booked' ? <span className="badge">{a.status.replace('-', ' ')}</span> : null}
      </span>
      <span className="agenda-who muted">{[practitioner, chair].filter(Boolean).join(' · ')}</span>
      {a.clientId === null && a.contact ? (
        <span className="agenda-who">
          {a.contact.email} · {a.contact.phone} <NewClientForm clinicId={clinicId} appointment={a} />
        </span>
      ) : null}
    </li>
  )
}
