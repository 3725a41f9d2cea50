// The reminders and aftercare emails planned, sent or failed for this client.
import { useMessages } from '../../api/use-client-file.ts'
import { MessageTable } from '../../ui/message-table.tsx'
import { Empty, QueryView } from '../../ui/states.tsx'

export function MessagesTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const messages = useMessages(clinicId, clientId)
  return (
    <QueryView query={messages} what="reminders">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            <p>No reminders or aftercare emails yet. They are planned when sessions are booked and recorded.</p>
          </Empty>
        ) : (
          <MessageTable items={items} />
        )
      }
    </QueryView>
  )
}
