// The client's treatment plan and quote, and the plan as a PDF to keep.
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import type { TreatmentPlan } from '../api/types.ts'
import { formatLocalDate } from '../ui/format.ts'
import { PlanSummary, QuoteTable } from '../ui/quote-table.tsx'
import { Empty, QueryView } from '../ui/states.tsx'
import { portalPath, usePortal } from './portal-layout.tsx'

export function PortalPlanPage() {
  const { clinicId } = usePortal()
  const plans = useQuery({
    queryKey: ['portal', clinicId, 'plans'],
    queryFn: async () => (await api<{ items: TreatmentPlan[] }>(portalPath(clinicId, '/plans'))).items,
  })
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">Your plan and quote</h1>
      <QueryView query={plans} what="your plan">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>Your plan and quote appear here after your consultation.</p>
            </Empty>
          ) : (
            items.map((p) => (
              <article key={p.id} className="card">
                <h2>Your plan of {formatLocalDate(p.createdAtLocal.date)}</h2>
                <PlanSummary plan={p} />
                {p.quote ? <QuoteTable quote={p.quote} /> : <p>The clinic has not added a quote yet.</p>}
                <p>
                  <a className="button button-secondary" href={portalPath(clinicId, `/plans/${p.id}/pdf`)} download>
                    Download PDF
                  </a>{' '}
                  <span className="muted">Your plan, quote, previews and aftercare to keep, print or share.</span>
                </p>
              </article>
            ))
          )
        }
      </QueryView>
    </section>
  )
}
