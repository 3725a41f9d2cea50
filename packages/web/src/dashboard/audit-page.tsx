// The audit log (owners): who read or changed which record, newest first, a page at a time — people and clients by
// name as the server joins them, filtered on the server by who, what (action, record kind) and when (the clinic's
// days). The filters live in the address, so a filtered view can be shared or reloaded.
import type { AuditEntry, AuditFilters } from '@stipple/domain'
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { api } from '../api/client.ts'
import { SelectField, TextField } from '../ui/field.tsx'
import { formatLocal } from '../ui/format.ts'
import { Empty, ErrorNote, Loading } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'

const FILTERS = ['actorUserId', 'action', 'entity', 'from', 'to'] as const
type FilterName = (typeof FILTERS)[number]

const roleLabel = (role: string | null) => (role === null ? '' : role.replace('_', ' '))
const actionLabel = (action: string) => action.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())

export function AuditPage() {
  const { clinicId, membership } = useClinicContext()
  const [params, setParams] = useSearchParams()
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<FilterName, string>
  const isOwner = membership.role === 'owner'
  const options = useQuery({
    queryKey: ['clinic', clinicId, 'audit-filters'],
    enabled: isOwner,
    queryFn: () => api<AuditFilters>(clinicPath(clinicId, '/audit/filters')),
  })
  const log = useInfiniteQuery({
    queryKey: ['clinic', clinicId, 'audit', filter],
    enabled: isOwner,
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEntry[]; nextBefore: number | null }>(clinicPath(clinicId, '/audit'), {
        query: { ...filter, before: pageParam, limit: 100 },
      }),
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  })
  const set = (name: FilterName, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p)
      if (value === '') next.delete(name)
      else next.set(name, value)
      return next
    })
  if (!isOwner)
    return (
      <section>
        <h1>Audit log</h1>
        <p>Only the clinic's owner can read the audit log.</p>
      </section>
    )
  const items = log.data?.pages.flatMap((p) => p.items) ?? []
  const filtered = FILTERS.some((f) => filter[f] !== '')
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form className="toolbar" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Who"
          value={filter.actorUserId}
          onChange={(e) => set('actorUserId', e.target.value)}
          options={[
            { value: '', label: 'Everyone' },
            ...(options.data?.people ?? []).map((p) => ({
              value: p.userId,
              label: p.role === null ? p.name : `${p.name} (${roleLabel(p.role)})`,
            })),
          ]}
        />
        <SelectField
          label="What was done"
          value={filter.action}
          onChange={(e) => set('action', e.target.value)}
          options={[
            { value: '', label: 'Any action' },
            ...(options.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) })),
          ]}
        />
        <SelectField
          label="Record"
          value={filter.entity}
          onChange={(e) => set('entity', e.target.value)}
          options={[
            { value: '', label: 'Any record' },
            ...(options.data?.entities ?? []).map((k) => ({ value: k.entity, label: actionLabel(k.label) })),
          ]}
        />
        <TextField label="From" type="date" value={filter.from} onChange={(e) => set('from', e.target.value)} />
        <TextField label="To" type="date" value={filter.to} onChange={(e) => set('to', e.target.value)} />
        {filtered ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setParams((p) => {
                const next = new URLSearchParams(p)
                for (const f of FILTERS) next.delete(f)
                return next
              })
            }
          >
            Clear filters
          </button>
        ) : null}
      </form>
      {log.isPending ? (
        <Loading what="the audit log" />
      ) : log.isError ? (
        <ErrorNote error={log.error} retry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>
            {filtered ? 'Nothing matches these filters. Widen the dates or clear a filter.' : 'Nothing recorded yet.'}
          </p>
        </Empty>
      ) : (
        <>
          <table className="table" aria-busy={log.isFetching}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{formatLocal(e.atLocal)}</td>
                  <td>
                    {e.actorName ?? (e.actorUserId === null ? 'Stipple (system)' : 'Unknown account')}
                    {e.actorRole ? <span className="muted"> · {roleLabel(e.actorRole)}</span> : null}
                  </td>
                  <td>{actionLabel(e.action)}</td>
                  <td>
                    {actionLabel(e.entityLabel)}
                    {e.clientName === null ? null : <> · {e.clientName}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.hasNextPage ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {log.isFetchingNextPage ? 'Loading…' : 'Older entries'}
            </button>
          ) : null}
        </>
      )}
    </section>
  )
}
