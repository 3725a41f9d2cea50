// Clients: search by name, email or phone and filter by stage; each row opens the client's file.
import { CLIENT_STAGES, type ClientSummary } from '@stipple/domain'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/client.ts'
import { SelectField, TextField } from '../ui/field.tsx'
import { formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'

const PAGE = 50

export const stageLabel = (stage: string) => stage.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())

export function ClientsPage() {
  const { clinicId } = useClinicContext()
  const [params, setParams] = useSearchParams()
  const [text, setText] = useState(params.get('q') ?? '')
  const q = params.get('q') ?? ''
  const stage = params.get('stage') ?? ''
  const offset = Number(params.get('offset') ?? 0) || 0
  // search as the person types, once they pause
  useEffect(() => {
    const t = setTimeout(() => {
      if (text !== q)
        setParams((p) => {
          const next = new URLSearchParams(p)
          if (text === '') next.delete('q')
          else next.set('q', text)
          next.delete('offset')
          return next
        })
    }, 250)
    return () => clearTimeout(t)
  }, [text, q, setParams])
  const clients = useQuery({
    queryKey: ['clinic', clinicId, 'clients', q, stage, offset],
    queryFn: () =>
      api<{ items: ClientSummary[]; total: number }>(clinicPath(clinicId, '/clients'), {
        query: { q, stage, limit: PAGE, offset },
      }),
    placeholderData: keepPreviousData,
  })
  return (
    <section aria-labelledby="clients-title">
      <h1 id="clients-title">Clients</h1>
      <form className="toolbar" aria-label="Find clients" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search"
          type="search"
          placeholder="Name, email or phone"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          label="Stage"
          value={stage}
          onChange={(e) =>
            setParams((p) => {
              const next = new URLSearchParams(p)
              if (e.target.value === '') next.delete('stage')
              else next.set('stage', e.target.value)
              next.delete('offset')
              return next
            })
          }
          options={[
            { value: '', label: 'Every stage' },
            ...CLIENT_STAGES.map((s) => ({ value: s, label: stageLabel(s) })),
          ]}
        />
      </form>
      <QueryView query={clients} what="clients">
        {(data) =>
          data.items.length === 0 ? (
            <Empty>
              <p>
                {q || stage
                  ? 'No client matches. Check the spelling, or search by email or phone.'
                  : 'No clients yet. Consultations booked on the website appear here.'}
              </p>
            </Empty>
          ) : (
            <>
              <p className="muted" aria-live="polite">
                {data.total} {data.total === 1 ? 'client' : 'clients'}
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/clinic/${clinicId}/clients/${c.id}`}>
                          {c.givenName} {c.familyName}
                        </Link>
                      </td>
                      <td>
                        <span className={`badge stage-${c.stage}`}>{stageLabel(c.stage)}</span>
                      </td>
                      <td>{[c.email, c.phone].filter(Boolean).join(' · ') || '—'}</td>
                      <td>{formatLocalDate(c.updatedAtLocal.date)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.total > PAGE ? (
                <div className="pager">
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={offset === 0}
                    onClick={() =>
                      setParams((p) => {
                        const n = new URLSearchParams(p)
                        n.set('offset', String(Math.max(0, offset - PAGE)))
                        return n
                      })
                    }
                  >
                    Previous
                  </button>
                  <span>
                    {offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}
                  </span>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={offset + PAGE >= data.total}
                    onClick={() =>
                      setParams((p) => {
                        const n = new URLSearchParams(p)
                        n.set('offset', String(offset + PAGE))
                        return n
                      })
                    }
                  >
                    Next
                  </button>
                </div>
              ) : null}
            </>
          )
        }
      </QueryView>
    </section>
  )
}
