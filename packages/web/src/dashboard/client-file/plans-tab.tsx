// The client's treatment plans with their quotes and the take-home PDF.
import { clinicPath } from '../../api/paths.ts'
import { usePlans } from '../../api/use-client-file.ts'
import { formatLocalDate } from '../../ui/format.ts'
import { PlanSummary, QuoteTable } from '../../ui/quote-table.tsx'
import { Empty, QueryView } from '../../ui/states.tsx'

export function PlansTab({ clinicId, clientId, clinical }: { clinicId: string; clientId: string; clinical: boolean }) {
  const plans = usePlans(clinicId, clientId)
  return (
    <QueryView query={plans} what="plans">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            <p>No treatment plan yet. The consultation makes one with its quote.</p>
          </Empty>
        ) : (
          <div className="stack">
            {items.map((p) => (
              <div key={p.id} className="card">
                <h2>Plan of {formatLocalDate(p.createdAtLocal.date)}</h2>
                <PlanSummary plan={p} />
                {p.quote ? <QuoteTable quote={p.quote} /> : <p>No quote on this plan.</p>}
                <p>
                  <a className="button button-secondary" href={clinicPath(clinicId, `/plans/${p.id}/pdf`)} download>
                    Download PDF
                  </a>{' '}
                  <span className="muted">
                    {clinical
                      ? "The client's take-home copy: plan, quote, previews and aftercare."
                      : 'Plan, quote and previews with the general aftercare; the practitioner adds what is specific to this client.'}
                  </span>
                </p>
              </div>
            ))}
          </div>
        )
      }
    </QueryView>
  )
}
