// The client's designs with a preview each, their approval, and the client approving the latest version here.
import { Link } from 'react-router'
import { previewUrl, useApproveDesign, useDesigns } from '../../api/use-client-file.ts'
import { formatLocalDate } from '../../ui/format.ts'
import { SimulatedPreview } from '../../ui/simulated-preview.tsx'
import { Empty, ErrorNote, QueryView } from '../../ui/states.tsx'

export function DesignsTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const designs = useDesigns(clinicId, clientId)
  const approve = useApproveDesign(clinicId, clientId)
  return (
    <QueryView query={designs} what="designs">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            <p>No designs yet. Running the consultation creates the recommended design.</p>
          </Empty>
        ) : (
          <>
            {approve.isError ? <ErrorNote error={approve.error} /> : null}
            <ul className="cards">
              {items.map((d) => (
                <li key={d.id} className="card">
                  <SimulatedPreview
                    src={previewUrl(clinicId, d.id, d.latest.id)}
                    alt={`${d.title}, version ${d.latest.version}`}
                  />
                  <h2>{d.title}</h2>
                  <p>
                    Version {d.latest.version} ·{' '}
                    {d.approval
                      ? `approved ${formatLocalDate(d.approval.approvedAtLocal.date)} (version ${d.approval.version}, ${d.approval.method === 'portal' ? 'in the portal' : d.approval.method === 'in-clinic' ? 'in the clinic' : 'on paper'})`
                      : 'not approved yet'}
                  </p>
                  {d.approval === null && d.earlierApproval ? (
                    <p className="notice" role="note">
                      The client approved version {d.earlierApproval.version} on{' '}
                      {formatLocalDate(d.earlierApproval.approvedAtLocal.date)}. Version {d.latest.version} is newer
                      (recomputed from a new intake or changed in the studio), so that approval does not count for it:
                      the client approves version {d.latest.version}.
                    </p>
                  ) : null}
                  <p className="actions">
                    <Link className="button" to={`/clinic/${clinicId}/clients/${clientId}/designs/${d.id}`}>
                      Open in the studio
                    </Link>
                    {d.approval === null ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={approve.isPending}
                        onClick={() => approve.mutate(d)}
                      >
                        Client approves version {d.latest.version} here
                      </button>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </QueryView>
  )
}
