// The client portal's frame: the client's own clinic, their pages, and sign-out.
import { Link, Navigate, NavLink, useLocation, useOutletContext } from 'react-router'
import { useSession } from '../api/session.ts'
import { ScreenOutlet, SignedInAs } from '../ui/signed-in-frame.tsx'
import { ErrorNote, Loading } from '../ui/states.tsx'

export interface PortalContext {
  clinicId: string
  clinicName: string
  displayName: string
}

export const usePortal = () => useOutletContext<PortalContext>()
export const portalPath = (clinicId: string, rest: string) => `/api/v1/clinics/${clinicId}/portal${rest}`

export function PortalLayout() {
  const session = useSession()
  const here = useLocation()
  if (session.isPending) return <Loading what="your portal" />
  if (session.isError) return <ErrorNote error={session.error} retry={() => void session.refetch()} />
  if (session.data === null) return <Navigate to={`/signin?next=${encodeURIComponent(here.pathname)}`} replace />
  const membership = session.data.memberships.find((m) => m.role === 'client')
  if (membership === undefined)
    return (
      <main id="main" className="narrow">
        <h1>No client portal</h1>
        <p>{session.data.user.email} is a staff account. The portal is for clients.</p>
        <p>
          <Link to="/signin">Go to your start page</Link>
        </p>
      </main>
    )
  const context: PortalContext = {
    clinicId: membership.clinicId,
    clinicName: membership.clinicName,
    displayName: membership.displayName,
  }
  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="dashboard-header">
        <span className="brand">{membership.clinicName}</span>
        <nav aria-label="Your portal">
          <ul className="nav-list">
            <li>
              <NavLink to="/portal" end>
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/designs">Your design</NavLink>
            </li>
            <li>
              <NavLink to="/portal/plan">Plan and quote</NavLink>
            </li>
            <li>
              <NavLink to="/portal/consents">Consents</NavLink>
            </li>
          </ul>
        </nav>
        <SignedInAs label={membership.displayName} />
      </header>
      <ScreenOutlet context={context} />
    </div>
  )
}
