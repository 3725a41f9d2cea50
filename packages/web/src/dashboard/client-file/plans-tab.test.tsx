import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { TreatmentPlan } from '../../api/types.ts'
import { clientFileQueries } from '../../api/use-client-file.ts'
import { PlansTab } from './plans-tab.tsx'

const ID = '00000000-0000-4000-8000-000000000001'
const line = (label: string, amountMinor: number) => ({ label, amountMinor })
const plan: TreatmentPlan = {
  id: ID,
  clientId: ID,
  designVersionId: null,
  plan: {
    treatedAreaCm2: 212.4,
    totalImpressions: 0,
    totalDots: 0,
    spacingDays: 10,
    sessions: [],
    basis: 'design',
  },
  quote: {
    id: ID,
    locationId: ID,
    currency: 'CAD',
    priceList: 'toronto',
    subtotalMinor: 340_000,
    totalMinor: 384_207,
    lines: [line('Full head: 3 sessions', 340_000), line('HST (Ontario) 13%', 44_207)],
    later: [line('Touch-up session, when the dots have faded (each)', 55_000)],
    notes: [],
    createdAt: '2026-12-07T15:00:00.000Z',
  },
  createdAt: '2026-12-07T15:00:00.000Z',
  createdAtLocal: { date: '2026-12-07', time: '10:00', offsetMinutes: -300 },
}

describe('the client file’s plan tab', () => {
  it('shows the quote’s minor units as money in its currency, to the cent', () => {
    const client = new QueryClient()
    client.setQueryData(clientFileQueries('c1', 'k1').plans.queryKey, [plan])
    const html = renderToString(
      <QueryClientProvider client={client}>
        <PlansTab clinicId="c1" clientId="k1" clinical />
      </QueryClientProvider>
    )
    expect(html).toContain('$3,842.07')
    expect(html).toContain('$442.07')
    expect(html).toContain('$550.00')
    expect(html).not.toContain('384207')
    expect(html).toContain('/api/v1/clinics/c1/plans/')
  })
})
