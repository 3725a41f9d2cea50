// The client file's heading: name and stage, contact details, what to do next, and portal access for clinical staff.
import type { ClientFile } from '@stipple/domain'
import { Link } from 'react-router'
import { formatLocalDate } from '../../ui/format.ts'
import { stageLabel } from '../clients-page.tsx'
import { PortalAccess } from '../portal-access.tsx'

export function Header({ clinicId, file, clinical }: { clinicId: string; file: ClientFile; clinical: boolean }) {
  const c = file.client
  const base = `/clinic/${clinicId}/clients/${c.id}`
  return (
    <header className="file-header">
      <h1 id="client-title">
        {c.givenName} {c.familyName} <span className={`badge stage-${c.stage}`}>{stageLabel(c.stage)}</span>
      </h1>
      <p className="muted">
        {[c.email, c.phone, c.dateOfBirth ? `born ${formatLocalDate(c.dateOfBirth)}` : null]
          .filter(Boolean)
          .join(' · ') || 'No contact details yet'}
      </p>
      <p className="actions">
        {clinical ? (
          <>
            <Link className="button" to={`${base}/intake`}>
              Record an intake
            </Link>
            <Link className="button" to={`${base}/session`}>
              Record a session
            </Link>
          </>
        ) : null}
        <Link className="button button-secondary" to={`${base}/course`}>
          Book a course
        </Link>
      </p>
      {clinical ? <PortalAccess clinicId={clinicId} clientId={c.id} /> : null}
    </header>
  )
}
