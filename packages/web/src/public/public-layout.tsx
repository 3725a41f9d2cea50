// The clinic's public site: header with the clinic's name and the site's pages, the page, and a footer.
import { Link, NavLink, Outlet } from 'react-router'
import { useClinic, useClinicSlug, usePractitioners } from './clinic-api.ts'

export function PublicLayout() {
  const { slug, prefix } = useClinicSlug()
  const clinic = useClinic(slug)
  const practitioners = usePractitioners(slug)
  const name = clinic.data?.name ?? practitioners.data?.clinic?.name ?? 'Scalp micropigmentation'
  const links = [
    { to: `${prefix}/`, label: 'Home', end: true },
    { to: `${prefix}/estimate`, label: 'Cost estimator' },
    { to: `${prefix}/faq`, label: 'Questions' },
    { to: `${prefix}/gallery`, label: 'Results' },
  ]
  return (
    <div className="public">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header">
        <Link to={`${prefix}/`} className="brand">
          {name}
        </Link>
        <nav aria-label="Site">
          <ul className="nav-list">
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end ?? false}>
                  {l.label}
                </NavLink>
              </li>
            ))}
            <li>
              <Link to={`${prefix}/book`} className="button">
                Book a free consultation
              </Link>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="public-footer">
        <p>
          {name}
          {clinic.data?.locations?.length ? ` · ${clinic.data.locations.map((l) => l.name).join(' · ')}` : ''}
        </p>
        <p>
          <Link to="/signin">Sign in</Link> for clients and clinic staff.
        </p>
      </footer>
    </div>
  )
}
