// The client's home: upcoming sessions, and what to do (and avoid) today after a session.
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import type { PortalAftercare, PortalAppointment } from '../api/types.ts'
import { formatLocal, formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { portalPath, usePortal } from './portal-layout.tsx'

export function PortalHomePage() {
  const { clinicId, displayName } = usePortal()
  const appointments = useQuery({
    queryKey: ['portal', clinicId, 'appointments'],
    queryFn: () => api<{ upcoming: PortalAppointment[] }>(portalPath(clinicId, '/appointments')),
  })
  const aftercare = useQuery({
    queryKey: ['portal', clinicId, 'aftercare'],
    queryFn: () => api<PortalAftercare>(portalPath(clinicId, '/aftercare')),
  })
  return (
    <>
      <h1>Hello, {displayName.split(' ')[0]}</h1>
      <div className="columns">
        <section className="card" aria-labelledby="care-title">
          <h2 id="care-title">Today's aftercare</h2>
          <QueryView query={aftercare} what="today's aftercare">
            {(care) => <AftercareList care={care} />}
          </QueryView>
        </section>
        <section className="card" aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">Your upcoming sessions</h2>
          <QueryView query={appointments} what="your sessions">
            {({ upcoming }) =>
              upcoming.length === 0 ? (
                <p>Nothing booked. The clinic will book your sessions with you.</p>
              ) : (
                <ol className="agenda">
                  {upcoming.map((a) => (
                    <li key={a.id} className="agenda-item">
                      <span className="agenda-time">{formatLocal(a.startsAtLocal)}</span>
                      <span className="agenda-what">
                        {KINDS[a.kind] ?? 'Appointment'} at {a.locationName}, with {a.practitionerName} (
                        {durationText(a.durationMin)})
                      </span>
                    </li>
                  ))}
                </ol>
              )
            }
          </QueryView>
        </section>
      </div>
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          Download everything the clinic keeps about you: your details, consultation, designs, plan, sessions, signed
          consents and photos.
        </p>
        <a className="button button-secondary" href={portalPath(clinicId, '/export')} download>
          Download my data
        </a>
      </section>
    </>
  )
}

/** "45 minutes", "3 hours", "2 h 30 min". */
function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `${h} hour${h === 1 ? '' : 's'}` : `${h} h ${m} min`
}

const KINDS: Record<string, string> = {
  consultation: 'Consultation',
  'smp-session': 'Treatment session',
  'touch-up': 'Touch-up',
  'laser-removal': 'Laser session',
}

function AftercareList({ care }: { care: PortalAftercare }) {
  if (care.session === null)
    return (
      <Empty>
        <p>Nothing to do yet. After each session, this shows what to do, day by day.</p>
      </Empty>
    )
  return (
    <>
      <p>
        {care.dayAfterSession === 0 ? 'The day of' : `Day ${care.dayAfterSession} after`} session{' '}
        {care.session.sessionIndex} ({formatLocalDate(care.session.performedAtLocal.date)})
      </p>
      {care.today.length === 0 ? (
        <p>No special care today.</p>
      ) : (
        <ul className="care">
          {care.today.map((t) => (
            <li key={t.instruction}>
              {t.instruction}
              {t.lastDay > (care.dayAfterSession ?? 0) ? <span className="muted"> (until day {t.lastDay})</span> : null}
            </li>
          ))}
        </ul>
      )}
      {care.betweenSessions ? <p>{care.betweenSessions}</p> : null}
      {care.longTerm.length > 0 ? (
        <>
          <h3>For the years ahead</h3>
          <ul className="care">
            {care.longTerm.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
