// Lot recall: every client whose session used a needle or pigment lot, with how to reach them (DOMAIN §6.4).
import type { LotRecall } from '@stipple/domain'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import { ApiError, api } from '../api/client.ts'
import { SelectField, TextField } from '../ui/field.tsx'
import { formatLocal, formatLocalDate } from '../ui/format.ts'
import { Empty, ErrorNote, Loading } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'
import { LotsRegister } from './lots-register.tsx'

export function LotRecallPage() {
  const { clinicId } = useClinicContext()
  const [lot, setLot] = useState('')
  const [kind, setKind] = useState('')
  const [search, setSearch] = useState<{ lot: string; kind: string } | null>(null)
  const recall = useQuery({
    queryKey: ['clinic', clinicId, 'lot-recall', search],
    enabled: search !== null,
    queryFn: () => api<LotRecall>(clinicPath(clinicId, '/lot-recall'), { query: search ?? {} }),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSearch({ lot: lot.trim(), kind })
  }
  const fieldError = recall.error instanceof ApiError ? recall.error.fieldErrors().lot : undefined
  return (
    <section aria-labelledby="lots-title">
      <h1 id="lots-title">Lot recall</h1>
      <p>When a manufacturer recalls a needle or pigment lot, find every client it was used on.</p>
      <form className="toolbar" onSubmit={submit} noValidate>
        <TextField label="Lot code" value={lot} onChange={(e) => setLot(e.target.value)} error={fieldError} required />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: '', label: 'Needles and pigments' },
            { value: 'pigment', label: 'Pigment' },
            { value: 'needle', label: 'Needle' },
          ]}
        />
        <button type="submit" className="button">
          Find clients
        </button>
      </form>
      {search === null ? null : recall.isPending ? (
        <Loading what="sessions with this lot" />
      ) : recall.isError ? (
        fieldError === undefined ? (
          <ErrorNote error={recall.error} />
        ) : null
      ) : recall.data.matches.length === 0 ? (
        <Empty>
          <p>No session used lot {recall.data.lot}.</p>
        </Empty>
      ) : (
        <table className="table">
          <caption>
            {recall.data.matches.length} {recall.data.matches.length === 1 ? 'use' : 'uses'} of lot {recall.data.lot}
          </caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Contact</th>
              <th scope="col">Product</th>
              <th scope="col">Session</th>
            </tr>
          </thead>
          <tbody>
            {recall.data.matches.map((m) => (
              <tr key={`${m.sessionRecordId}-${m.kind}-${m.product}`}>
                <td>
                  <Link to={`/clinic/${clinicId}/clients/${m.client.id}`}>
                    {m.client.givenName} {m.client.familyName}
                  </Link>
                </td>
                <td>{[m.client.email, m.client.phone].filter(Boolean).join(' · ') || '—'}</td>
                <td>
                  {m.kind}: {m.product}
                  {m.expiresOn ? ` (expires ${formatLocalDate(m.expiresOn)})` : ''}
                </td>
                <td>{formatLocal(m.performedAtLocal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LotsRegister clinicId={clinicId} />
    </section>
  )
}
