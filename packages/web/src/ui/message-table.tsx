// Emails to clients (reminders, pre- and aftercare, recalls) with their state; a failed one shows why.
import type { ReactNode } from 'react'
import type { OutboxMessage } from '../api/types.ts'
import { formatLocal } from './format.ts'

const STATUS: Record<OutboxMessage['status'], string> = {
  queued: 'waiting',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  cancelled: 'cancelled',
}

export function MessageTable({
  items,
  clientCell,
}: {
  items: OutboxMessage[]
  clientCell?: (m: OutboxMessage) => ReactNode
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          {clientCell ? <th scope="col">Client</th> : null}
          <th scope="col">Email</th>
          <th scope="col">To</th>
          <th scope="col">When</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id}>
            {clientCell ? <td>{clientCell(m)}</td> : null}
            <td>
              {m.subject}
              {m.care ? null : <span className="badge">marketing</span>}
            </td>
            <td>{m.recipient}</td>
            <td>{m.sentAtLocal ? `sent ${formatLocal(m.sentAtLocal)}` : `due ${formatLocal(m.dueAtLocal)}`}</td>
            <td>
              <span className={`badge message-${m.status}`}>{STATUS[m.status]}</span>
              {m.lastError ? <span className="field-error"> {m.lastError}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
