// The client's designs with simulated previews (fresh after session 1, healed, and years on), and approval of one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import type { DesignSummary } from '../api/types.ts'
import { formatLocalDate } from '../ui/format.ts'
import { SimulatedPreview } from '../ui/simulated-preview.tsx'
import { Empty, ErrorNote, QueryView } from '../ui/states.tsx'
import { portalPath, usePortal } from './portal-layout.tsx'

// seen from three-quarters, where the top, the hairline and the face show together
const VIEWS = [
  { query: 'session=1&stage=fresh', label: 'The day after session 1' },
  { query: 'stage=healed', label: 'Healed, after the last session' },
  { query: 'stage=healed&years=5', label: 'Five years later' },
]

export function PortalDesignsPage() {
  const { clinicId } = usePortal()
  const queryClient = useQueryClient()
  const designs = useQuery({
    queryKey: ['portal', clinicId, 'designs'],
    queryFn: async () => (await api<{ items: DesignSummary[] }>(portalPath(clinicId, '/designs'))).items,
  })
  const approve = useMutation({
    mutationFn: (d: DesignSummary) =>
      api(portalPath(clinicId, `/designs/${d.id}/approve`), { method: 'POST', body: { versionId: d.latest.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', clinicId, 'designs'] }),
  })
  return (
    <section aria-labelledby="designs-title">
      <h1 id="designs-title">Your design</h1>
      <p>These pictures are simulations of how the treatment is expected to look, not photos.</p>
      {approve.isError ? <ErrorNote error={approve.error} /> : null}
      <QueryView query={designs} what="your designs">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>Your practitioner has not shared a design yet. It appears here after your consultation.</p>
            </Empty>
          ) : (
            items.map((d) => (
              <article key={d.id} className="card">
                <h2>{d.title}</h2>
                <ul className="previews">
                  {VIEWS.map((v) => (
                    <li key={v.query}>
                      <SimulatedPreview
                        src={portalPath(
                          clinicId,
                          `/designs/${d.id}/versions/${d.latest.id}/preview.png?view=three-quarter-left&width=480&${v.query}`
                        )}
                        alt={`${d.title}: ${v.label}`}
                        size={320}
                      />
                      <p>{v.label}</p>
                    </li>
                  ))}
                </ul>
                {d.approval !== null && d.approval.versionId === d.latest.id ? (
                  <p className="notice notice-ok">
                    You approved this design on {formatLocalDate(d.approval.approvedAtLocal.date)}.
                  </p>
                ) : (
                  <button
                    type="button"
                    className="button"
                    disabled={approve.isPending}
                    onClick={() => approve.mutate(d)}
                  >
                    {approve.isPending ? 'Approving…' : 'I approve this design'}
                  </button>
                )}
              </article>
            ))
          )
        }
      </QueryView>
    </section>
  )
}
