// Practitioners' certifications and licences that expire soon or have expired: renew them before they lapse.
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { api } from '../api/client.ts'
import type { ExpiringCredential } from '../api/types.ts'
import { SelectField } from '../ui/field.tsx'
import { formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'

export function CredentialsPage() {
  const { clinicId } = useClinicContext()
  const [within, setWithin] = useState('60')
  const expiring = useQuery({
    queryKey: ['clinic', clinicId, 'credentials', 'expiring', within],
    queryFn: () =>
      api<{ items: ExpiringCredential[] }>(clinicPath(clinicId, '/credentials/expiring'), {
        query: { withinDays: within },
      }),
  })
  return (
    <section aria-labelledby="credentials-title">
      <h1 id="credentials-title">Credentials expiring soon</h1>
      <div className="toolbar">
        <SelectField
          label="Expiring within"
          value={within}
          onChange={(e) => setWithin(e.target.value)}
          options={[
            { value: '30', label: '30 days' },
            { value: '60', label: '60 days' },
            { value: '90', label: '90 days' },
            { value: '365', label: 'a year' },
          ]}
        />
      </div>
      <QueryView query={expiring} what="credentials">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>
              <p>Every credential is valid for longer than that. Nothing to renew.</p>
            </Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Practitioner</th>
                  <th scope="col">Credential</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <td>{c.practitionerName}</td>
                    <td>
                      {c.title}
                      {c.issuer ? `, ${c.issuer}` : ''}
                    </td>
                    <td>
                      {c.expiresOn ? formatLocalDate(c.expiresOn) : '—'}{' '}
                      {c.daysLeft < 0 ? (
                        <span className="badge badge-danger">expired</span>
                      ) : (
                        <span className="badge badge-warn">in {c.daysLeft} days</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  )
}
