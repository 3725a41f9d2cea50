// A client's file: details, intake and screening, designs, plan and quote, sessions with lots, photos with a
// before/after comparison, consents, and the messages sent (or that failed). Each tab is a file of its own in
// `client-file/`, reading its part through the hooks in `api/use-client-file.ts`.
import { useParams } from 'react-router'
import { useClientFile } from '../api/use-client-file.ts'
import { QueryView } from '../ui/states.tsx'
import { Tabs } from '../ui/tabs.tsx'
import { ConsentsTab } from './client-file/consents-tab.tsx'
import { DesignsTab } from './client-file/designs-tab.tsx'
import { Header } from './client-file/header.tsx'
import { IntakeTab } from './client-file/intake-tab.tsx'
import { MessagesTab } from './client-file/messages-tab.tsx'
import { PhotosTab } from './client-file/photos-tab.tsx'
import { PlansTab } from './client-file/plans-tab.tsx'
import { SessionsTab } from './client-file/sessions-tab.tsx'
import { useClinicContext } from './clinic-context.ts'

export function ClientFilePage() {
  const { clinicId, membership } = useClinicContext()
  const { clientId = '' } = useParams()
  const file = useClientFile(clinicId, clientId)
  const clinical = membership.role !== 'front_desk'
  return (
    <QueryView query={file} what="the client's file">
      {(data) => (
        <section aria-labelledby="client-title">
          <Header clinicId={clinicId} file={data} clinical={clinical} />
          <Tabs
            label="Client file"
            tabs={[
              ...(clinical
                ? [
                    {
                      id: 'intake',
                      label: 'Intake and screening',
                      render: () => <IntakeTab clinicId={clinicId} clientId={clientId} intakes={data.intakes ?? []} />,
                    },
                  ]
                : []),
              { id: 'designs', label: 'Designs', render: () => <DesignsTab clinicId={clinicId} clientId={clientId} /> },
              {
                id: 'plan',
                label: 'Plan and quote',
                render: () => <PlansTab clinicId={clinicId} clientId={clientId} clinical={clinical} />,
              },
              { id: 'sessions', label: 'Sessions', render: () => <SessionsTab sessions={data.sessions} /> },
              ...(clinical
                ? [
                    {
                      id: 'photos',
                      label: 'Photos',
                      render: () => <PhotosTab clinicId={clinicId} clientId={clientId} />,
                    },
                  ]
                : []),
              {
                id: 'consents',
                label: 'Consents',
                render: () => <ConsentsTab clinicId={clinicId} clientId={clientId} />,
              },
              {
                id: 'messages',
                label: 'Reminders',
                render: () => <MessagesTab clinicId={clinicId} clientId={clientId} />,
              },
            ]}
          />
        </section>
      )}
    </QueryView>
  )
}
