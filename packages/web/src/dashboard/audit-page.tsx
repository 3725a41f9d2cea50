// The audit log (owners): who read or changed what, newest first, a page at a time.
import type { AuditEntry } from '@stipple/domain'
import { useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import { formatDateTime } from '../ui/format.ts'
import { Empty, ErrorNote, Loading } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'

export function AuditPage() {
  const { clinicId, membership } = useClinicContext()
  const log = useInfiniteQuery({
    queryKey: ['clinic', clinicId, 'audit'],
    enabled: membership.role === 'owner',
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEntry[]; nextBefore: number | null }>(clinicPath(clinicId, '/audit'), {
        query: { before: pageParam, limit: 100 },
      }),
    getNextPageParam: (last) => last.nextBefore,
  })
  if (membership.role !== 'owner')
    return (
      <section>
        <h1>Audit log</h1>
        <p>Only the clinic's owner can read the audit log.</p>
      </section>
    )
  const items = log.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      {log.isPending ? (
        <Loading what="the audit log" />
      ) : log.isError ? (
        <ErrorNote error={log.error} retry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>Nothing recorded yet.</p>
        </Empty>
      ) : (
        <>
          <table className="table">
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
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actorRole?.replace('_', ' ') ?? 'system'}</td>
                  <td>{e.action}</td>
                  <td>
                    {e.entity}
                    {e.entityId ? ` ${e.entityId.slice(0, 8)}` : ''}
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
