// The outbox: reminders, pre- and aftercare and recall emails, waiting, sent and failed; a failed one can be retried.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api/client.ts'
import type { OutboxMessage } from '../api/types.ts'
import { SelectField } from '../ui/field.tsx'
import { MessageTable } from '../ui/message-table.tsx'
import { Empty, ErrorNote, QueryView } from '../ui/states.tsx'
import { clinicPath, useClinicContext } from './clinic-context.ts'

export function OutboxPage() {
  const { clinicId } = useClinicContext()
  const queryClient = useQueryClient()
  const [status, setStatus] = useState('')
  const outbox = useQuery({
    queryKey: ['clinic', clinicId, 'outbox', status],
    queryFn: async () =>
      (await api<{ items: OutboxMessage[] }>(clinicPath(clinicId, '/outbox'), { query: { status, limit: 200 } })).items,
  })
  const retry = useMutation({
    mutationFn: (id: string) => api(clinicPath(clinicId, `/outbox/${id}/retry`), { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'outbox'] }),
  })
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Emails to clients</h1>
      <div className="toolbar">
        <SelectField
          label="State"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: '', label: 'All' },
            { value: 'queued', label: 'Waiting to be sent' },
            { value: 'sent', label: 'Sent' },
            { value: 'failed', label: 'Failed' },
            { value: 'cancelled', label: 'Cancelled' },
          ]}
        />
      </div>
      {retry.isError ? <ErrorNote error={retry.error} /> : null}
      <QueryView query={outbox} what="emails">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>
                No emails {status ? 'in this state' : 'yet'}. Appointment reminders and aftercare instructions appear
                here as sessions are booked and recorded.
              </p>
            </Empty>
          ) : (
            <MessageTable
              items={items}
              clientCell={(m) =>
                m.clientId === null ? (
                  '—'
                ) : (
                  <>
                    <Link to={`/clinic/${clinicId}/clients/${m.clientId}?tab=messages`}>Client file</Link>
                    {m.status === 'failed' ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(m.id)}
                      >
                        Send again
                      </button>
                    ) : null}
                  </>
                )
              }
            />
          )
        }
      </QueryView>
    </section>
  )
}
