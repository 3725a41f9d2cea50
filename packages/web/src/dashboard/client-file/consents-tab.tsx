// The consents the client signed, the texts still to sign (handed over on the tablet), and how a signing ended.
import { Link, useSearchParams } from 'react-router'
import { useConsents, useConsentTemplates } from '../../api/use-client-file.ts'
import { formatLocal } from '../../ui/format.ts'
import { Empty, QueryView } from '../../ui/states.tsx'

export function ConsentsTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const consents = useConsents(clinicId, clientId)
  const templates = useConsentTemplates(clinicId)
  const [params] = useSearchParams()
  const outcome = params.get('signed') ? 'signed' : params.get('signing') === 'cancelled' ? 'cancelled' : null
  return (
    <QueryView query={consents} what="consents">
      {(items) => (
        <div className="stack">
          {outcome === 'signed' ? (
            <p className="notice notice-ok" role="status">
              Signed on the tablet. The signed text is kept exactly as the client read it.
            </p>
          ) : outcome === 'cancelled' ? (
            <p className="notice" role="status">
              The client stopped without signing; nothing was signed.
            </p>
          ) : null}
          <QueryView query={templates} what="consent texts">
            {(latest) => {
              const toSign = latest.filter((t) => !items.some((c) => c.kind === t.kind && c.version === t.version))
              return toSign.length === 0 ? null : (
                <div className="card">
                  <h2>To sign</h2>
                  <ul className="plain">
                    {toSign.map((t) => {
                      const older = items.find((c) => c.kind === t.kind)
                      return (
                        <li key={t.id} className="to-sign">
                          <span>
                            {t.title} (version {t.version})
                            {older ? ` — signed version ${older.version}; the text has changed since` : ''}
                          </span>{' '}
                          <Link className="button" to={`/clinic/${clinicId}/clients/${clientId}/sign/${t.id}`}>
                            Hand the tablet to the client to sign
                          </Link>
                        </li>
                      )
                    })}
                  </ul>
                </div>
              )
            }}
          </QueryView>
          {items.length === 0 ? (
            <Empty>
              <p>No consents signed yet. The client signs them in the portal or on the clinic's tablet.</p>
            </Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Consent</th>
                  <th scope="col">Signed by</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.title} (version {c.version})
                    </td>
                    <td>{c.signerName}</td>
                    <td>{formatLocal(c.signedAtLocal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </QueryView>
  )
}
