// The clinic dashboard's frame: who is signed in, the clinic's screens (the audit log for owners only), and the screen.
import { useEffect } from 'react'
import { Link, Navigate, NavLink, useLocation, useParams } from 'react-router'
import { useSession } from '../api/session.ts'
import { ScreenOutlet, SignedInAs } from '../ui/signed-in-frame.tsx'
import { ErrorNote, Loading } from '../ui/states.tsx'
import type { ClinicContext } from './clinic-context.ts'

export function DashboardLayout() {
  const { clinicId = '' } = useParams()
  const session = useSession()
  const here = useLocation()
  // the front desk lives in the calendar: its code is fetched while the first screen shows, not on the first click
  useEffect(() => {
    void import('./calendar-page.tsx')
  }, [])
  if (session.isPending) return <Loading what="your clinic" />
  if (session.isError) return <ErrorNote error={session.error} retry={() => void session.refetch()} />
  if (session.data === null)
    return <Navigate to={`/signin?next=${encodeURIComponent(here.pathname + here.search)}`} replace />
  const membership = session.data.memberships.find((m) => m.clinicId === clinicId && m.role !== 'client')
  if (membership === undefined)
    return (
      <main id="main" className="narrow">
        <h1>Not your clinic</h1>
        <p>You are signed in as {session.data.user.email}, who does not work at this clinic.</p>
        <p>
          <Link to="/signin">Go to your own start page</Link>
        </p>
      </main>
    )
  const context: ClinicContext = { clinicId, membership, session: session.data }
  const base = `/clinic/${clinicId}`
  const links = [
    { to: base, label: 'Today', end: true },
    { to: `${base}/calendar`, label: 'Calendar' },
    { to: `${base}/clients`, label: 'Clients' },
    { to: `${base}/locations`, label: 'Locations' },
    ...(membership.role === 'front_desk' ? [] : [{ to: `${base}/lots`, label: 'Lot recall' }]),
    { to: `${base}/credentials`, label: 'Credentials' },
    { to: `${base}/outbox`, label: 'Messages' },
    ...(membership.role === 'owner' ? [{ to: `${base}/audit`, label: 'Audit log' }] : []),
    ...(membership.role === 'front_desk' ? [] : [{ to: `${base}/taxes`, label: 'Taxes' }]),
  ]
  return (
    <div className="dashboard">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="dashboard-header">
        <span className="brand">{membership.clinicName}</span>
        <nav aria-label="Clinic">
          <ul className="nav-list">
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end ?? false}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SignedInAs label={`${membership.displayName} · ${membership.role.replace('_', ' ')}`} />
      </header>
      <ScreenOutlet context={context} />
    </div>
  )
}
