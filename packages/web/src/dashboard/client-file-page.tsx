// A client's file: details, intake and screening, designs, plan and quote, sessions with lots, photos with a
// before/after comparison, consents, and the messages sent (or that failed).
import type { ClientFile, IntakeRecord, Photo, SessionRecord } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api } from '../api/client.ts'
import type { ConsentTemplate, Consultation, DesignSummary } from '../api/types.ts'
import { CompareSlider } from '../ui/compare-slider.tsx'
import { SelectField } from '../ui/field.tsx'
import { formatLocal, formatLocalDate } from '../ui/format.ts'
import { MessageTable } from '../ui/message-table.tsx'
import { PlanSummary, QuoteTable } from '../ui/quote-table.tsx'
import { SimulatedPreview } from '../ui/simulated-preview.tsx'
import { Empty, ErrorNote, QueryView } from '../ui/states.tsx'
import { Tabs } from '../ui/tabs.tsx'
import {
  clientPath,
  photoUrl,
  previewUrl,
  useClientFile,
  useConsents,
  useConsultations,
  useDesigns,
  useMessages,
  usePhotos,
  usePlans,
} from './client-api.ts'
import { stageLabel } from './clients-page.tsx'
import { clinicPath, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { PhotoUpload } from './photo-upload.tsx'
import { PortalAccess } from './portal-access.tsx'

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

function Header({ clinicId, file, clinical }: { clinicId: string; file: ClientFile; clinical: boolean }) {
  const c = file.client
  const base = `/clinic/${clinicId}/clients/${c.id}`
  return (
    <header className="file-header">
      <h1 id="client-title">
        {c.givenName} {c.familyName} <span className={`badge stage-${c.stage}`}>{stageLabel(c.stage)}</span>
      </h1>
      <p className="muted">
        {[c.email, c.phone, c.dateOfBirth ? `born ${formatLocalDate(c.dateOfBirth)}` : null]
          .filter(Boolean)
          .join(' · ') || 'No contact details yet'}
      </p>
      <p className="actions">
        {clinical ? (
          <>
            <Link className="button" to={`${base}/intake`}>
              Record an intake
            </Link>
            <Link className="button" to={`${base}/session`}>
              Record a session
            </Link>
          </>
        ) : null}
        <Link className="button button-secondary" to={`${base}/course`}>
          Book a course
        </Link>
      </p>
      {clinical ? <PortalAccess clinicId={clinicId} clientId={c.id} /> : null}
    </header>
  )
}

interface ScreeningInForce {
  intakeId: string
  intakeVersion: number
  answeredOn: string
  asOf: string
  status: Consultation['screeningStatus'] | null
  findings: { code: string; severity: string; message: string; until?: string }[]
  supersedes: number
}

function IntakeTab({ clinicId, clientId, intakes }: { clinicId: string; clientId: string; intakes: IntakeRecord[] }) {
  const consultations = useConsultations(clinicId, clientId)
  const setup = useClinicSetup(clinicId)
  const queryClient = useQueryClient()
  const screening = useQuery({
    queryKey: ['clinic', clinicId, 'client', clientId, 'screening'],
    queryFn: () => api<ScreeningInForce | null>(clientPath(clinicId, clientId, '/screening')),
  })
  const run = useMutation({
    mutationFn: (intakeId: string) =>
      api(clientPath(clinicId, clientId, '/consultations'), {
        method: 'POST',
        body: { intakeId, locationId: setup.data?.locations[0]?.id },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] }),
  })
  if (intakes.length === 0)
    return (
      <Empty>
        <p>No intake recorded yet. Record one at the consultation: hair loss pattern, skin, health questions.</p>
        <Link className="button" to={`/clinic/${clinicId}/clients/${clientId}/intake`}>
          Record an intake
        </Link>
      </Empty>
    )
  // the server lists intakes newest first: the first is the one in force, the rest its history
  const [latest, ...earlier] = intakes
  return (
    <div className="stack">
      <QueryView query={screening} what="the screening in force">
        {(inForce) => (inForce === null ? null : <ScreeningCard screening={inForce} />)}
      </QueryView>
      <QueryView query={consultations} what="the consultation">
        {(items) =>
          items.some((c) => c.intakeId === latest?.id) ? null : (
            <div className="card">
              <p>
                {items.length === 0
                  ? 'The consultation (recommended design, plan and quote) runs on the intake.'
                  : `Intake version ${latest?.version} has no consultation yet: running it recomputes the recommendation as a new version of the client’s design.`}
              </p>
              {run.isError ? <ErrorNote error={run.error} /> : null}
              <button
                type="button"
                className="button"
                disabled={run.isPending || latest === undefined}
                onClick={() => latest && run.mutate(latest.id)}
              >
                {run.isPending ? 'Running the consultation…' : 'Run the consultation on this intake'}
              </button>
            </div>
          )
        }
      </QueryView>
      <div className="card">
        <h2>
          Intake{latest ? `, version ${latest.version}` : ''}{' '}
          <span className="badge">in force since {latest ? formatLocalDate(latest.createdAtLocal.date) : ''}</span>
        </h2>
        {latest ? <IntakeSummary intake={latest} /> : null}
      </div>
      {earlier.length > 0 ? (
        <div className="card">
          <h2>Earlier intakes</h2>
          <p className="muted">Superseded by version {latest?.version}: kept as they were answered.</p>
          {earlier.map((i) => (
            <details key={i.id}>
              <summary>
                Version {i.version}, recorded {formatLocalDate(i.createdAtLocal.date)}
              </summary>
              <IntakeSummary intake={i} />
            </details>
          ))}
        </div>
      ) : null}
    </div>
  )
}

const STATUS_TEXT: Record<Consultation['screeningStatus'], string> = {
  suitable: 'Suitable for treatment',
  caution: 'Suitable, with cautions',
  defer: 'Treatment must wait',
  'not-suitable': 'Not suitable for treatment',
}

function ScreeningCard({ screening }: { screening: ScreeningInForce }) {
  if (screening.status === null)
    return (
      <div className="card screening screening-defer">
        <h2>Screening: the latest intake is incomplete</h2>
        <p>Intake version {screening.intakeVersion} cannot be screened; record a complete intake.</p>
      </div>
    )
  return (
    <div className={`card screening screening-${screening.status}`}>
      <h2>Screening: {STATUS_TEXT[screening.status]}</h2>
      <p className="muted">
        In force: intake version {screening.intakeVersion} of {formatLocalDate(screening.answeredOn)}, screened on{' '}
        {formatLocalDate(screening.asOf)}
        {screening.supersedes > 0
          ? ` (it supersedes ${screening.supersedes} earlier intake${screening.supersedes === 1 ? '' : 's'})`
          : ''}
      </p>
      {screening.findings.length === 0 ? (
        <p>No findings.</p>
      ) : (
        <ul className="findings">
          {screening.findings.map((f) => (
            <li key={f.code} className={`finding finding-${f.severity}`}>
              <span className="badge">{f.severity}</span> {f.message}
              {f.until ? ` (until ${formatLocalDate(f.until)})` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function IntakeSummary({ intake }: { intake: IntakeRecord }) {
  const doc = intake.document as {
    client?: Record<string, unknown>
    hairLoss?: { scale?: string; stage?: string }
    goal?: string
    medical?: { conditions?: string[]; medications?: { name: string }[]; allergies?: string[] }
  }
  // codes as people say them: `dark-brown` → `Dark brown`, `norwood` → `Norwood`
  const human = (v: unknown) => {
    const text = String(v ?? '').replace(/-/g, ' ')
    return text === '' ? '—' : text.charAt(0).toUpperCase() + text.slice(1)
  }
  const list = (items: readonly string[] | undefined) => (items?.length ? items.map(human).join(', ') : 'None')
  const rows: [string, string][] = [
    ['Hair loss', human([doc.hairLoss?.scale, doc.hairLoss?.stage].filter(Boolean).join(' '))],
    ['Goal', human(doc.goal ?? 'recommended from the pattern')],
    ['Age', String(doc.client?.age ?? '—')],
    ['Fitzpatrick type', String(doc.client?.fitzpatrick ?? '—')],
    ['Hair colour', human(doc.client?.hairColor)],
    ['Conditions', list(doc.medical?.conditions)],
    ['Medications', list(doc.medical?.medications?.map((m) => m.name))],
    ['Allergies', list(doc.medical?.allergies)],
  ]
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

function DesignsTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const designs = useDesigns(clinicId, clientId)
  const queryClient = useQueryClient()
  const approve = useMutation({
    mutationFn: (d: DesignSummary) =>
      api(clinicPath(clinicId, `/designs/${d.id}/approval`), {
        method: 'POST',
        body: { versionId: d.latest.id, method: 'in-clinic' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] }),
  })
  return (
    <QueryView query={designs} what="designs">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            <p>No designs yet. Running the consultation creates the recommended design.</p>
          </Empty>
        ) : (
          <>
            {approve.isError ? <ErrorNote error={approve.error} /> : null}
            <ul className="cards">
              {items.map((d) => (
                <li key={d.id} className="card">
                  <SimulatedPreview
                    src={previewUrl(clinicId, d.id, d.latest.id)}
                    alt={`${d.title}, version ${d.latest.version}`}
                  />
                  <h2>{d.title}</h2>
                  <p>
                    Version {d.latest.version} ·{' '}
                    {d.approval
                      ? `approved ${formatLocalDate(d.approval.approvedAtLocal.date)} (version ${d.approval.version}, ${d.approval.method === 'portal' ? 'in the portal' : d.approval.method === 'in-clinic' ? 'in the clinic' : 'on paper'})`
                      : 'not approved yet'}
                  </p>
                  {d.approval === null && d.earlierApproval ? (
                    <p className="notice" role="note">
                      The client approved version {d.earlierApproval.version} on{' '}
                      {formatLocalDate(d.earlierApproval.approvedAtLocal.date)}. Version {d.latest.version} is newer
                      (recomputed from a new intake or changed in the studio), so that approval does not count for it:
                      the client approves version {d.latest.version}.
                    </p>
                  ) : null}
                  <p className="actions">
                    <Link className="button" to={`/clinic/${clinicId}/clients/${clientId}/designs/${d.id}`}>
                      Open in the studio
                    </Link>
                    {d.approval === null ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={approve.isPending}
                        onClick={() => approve.mutate(d)}
                      >
                        Client approves version {d.latest.version} here
                      </button>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </QueryView>
  )
}

function PlansTab({ clinicId, clientId, clinical }: { clinicId: string; clientId: string; clinical: boolean }) {
  const plans = usePlans(clinicId, clientId)
  return (
    <QueryView query={plans} what="plans">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            <p>No treatment plan yet. The consultation makes one with its quote.</p>
          </Empty>
        ) : (
          <div className="stack">
            {items.map((p) => (
              <div key={p.id} className="card">
                <h2>Plan of {formatLocalDate(p.createdAtLocal.date)}</h2>
                <PlanSummary plan={p} />
                {p.quote ? <QuoteTable quote={p.quote} /> : <p>No quote on this plan.</p>}
                <p>
                  <a className="button button-secondary" href={clinicPath(clinicId, `/plans/${p.id}/pdf`)} download>
                    Download PDF
                  </a>{' '}
                  <span className="muted">
                    {clinical
                      ? "The client's take-home copy: plan, quote, previews and aftercare."
                      : 'Plan, quote and previews with the general aftercare; the practitioner adds what is specific to this client.'}
                  </span>
                </p>
              </div>
            ))}
          </div>
        )
      }
    </QueryView>
  )
}

function SessionsTab({ sessions }: { sessions: SessionRecord[] }) {
  if (sessions.length === 0)
    return (
      <Empty>
        <p>No sessions recorded yet.</p>
      </Empty>
    )
  return (
    <ol className="stack">
      {sessions.map((s) => (
        <li key={s.id} className="card">
          <h2>
            Session {s.sessionIndex} · {formatLocal(s.performedAtLocal)}
          </h2>
          {s.override ? (
            <div className="override" role="note">
              <p>
                <strong>Recorded despite a refusal, on the owner’s authority</strong> ({s.override.byName}):{' '}
                {s.override.reason}
              </p>
              <ul>
                {s.override.overridden.map((m) => (
                  <li key={m}>Set aside: {m}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            Areas: {s.areas.join(', ')}
            {s.appointmentId ? ' · from its booked appointment (marked completed)' : ''}
          </p>
          <p>
            Needles: {s.needles.map((n) => `${n.configuration} (lot ${n.lot})`).join('; ')}
            <br />
            Pigments: {s.pigments.map((p) => `${p.brand} ${p.shade} ${p.dilution} (lot ${p.lot})`).join('; ')}
          </p>
        </li>
      ))}
    </ol>
  )
}

function PhotosTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const photos = usePhotos(clinicId, clientId)
  return (
    <div className="stack">
      <PhotoUpload clinicId={clinicId} clientId={clientId} />
      <QueryView query={photos} what="photos">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>No photos yet. Add the first above: photos taken at each session show up here as a timeline.</p>
            </Empty>
          ) : (
            <PhotoTimeline clinicId={clinicId} clientId={clientId} photos={items} />
          )
        }
      </QueryView>
    </div>
  )
}

function PhotoTimeline({ clinicId, clientId, photos }: { clinicId: string; clientId: string; photos: Photo[] }) {
  const angles = [...new Set(photos.map((p) => p.angle))]
  const [angle, setAngle] = useState(angles[0] ?? 'front')
  const ofAngle = photos.filter((p) => p.angle === angle)
  const [beforeId, setBeforeId] = useState<string>('')
  const [afterId, setAfterId] = useState<string>('')
  const before = ofAngle.find((p) => p.id === beforeId) ?? ofAngle[0]
  const after = ofAngle.find((p) => p.id === afterId) ?? ofAngle[ofAngle.length - 1]
  const label = (p: Photo) => `${p.angle} view, ${formatLocalDate(p.takenOn)}`
  const byDate = new Map<string, Photo[]>()
  for (const p of photos) byDate.set(p.takenOn, [...(byDate.get(p.takenOn) ?? []), p])
  return (
    <div className="stack">
      {before !== undefined && after !== undefined && before.id !== after.id ? (
        <div className="card">
          <h2>Before and after</h2>
          <div className="toolbar">
            <SelectField
              label="View"
              value={angle}
              onChange={(e) => setAngle(e.target.value as Photo['angle'])}
              options={angles.map((a) => ({ value: a, label: a }))}
            />
            <SelectField
              label="Before"
              value={before.id}
              onChange={(e) => setBeforeId(e.target.value)}
              options={ofAngle.map((p) => ({ value: p.id, label: formatLocalDate(p.takenOn) }))}
            />
            <SelectField
              label="After"
              value={after.id}
              onChange={(e) => setAfterId(e.target.value)}
              options={ofAngle.map((p) => ({ value: p.id, label: formatLocalDate(p.takenOn) }))}
            />
          </div>
          <CompareSlider
            before={{ src: photoUrl(clinicId, clientId, before.id, 'image'), label: `Before: ${label(before)}` }}
            after={{ src: photoUrl(clinicId, clientId, after.id, 'image'), label: `After: ${label(after)}` }}
          />
        </div>
      ) : null}
      <ol className="timeline">
        {[...byDate].map(([date, list]) => (
          <li key={date}>
            <h3>{formatLocalDate(date)}</h3>
            <ul className="thumbs">
              {list.map((p) => (
                <li key={p.id}>
                  <img
                    src={photoUrl(clinicId, clientId, p.id, 'thumbnail')}
                    alt={label(p)}
                    width={160}
                    height={Math.round((160 * p.height) / p.width)}
                    loading="lazy"
                  />
                  <span className="muted">
                    {p.angle}
                    {p.consent === 'marketing' ? ' · may be shown in the gallery' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  )
}

function ConsentsTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const consents = useConsents(clinicId, clientId)
  const templates = useQuery({
    queryKey: ['clinic', clinicId, 'consent-templates'],
    queryFn: async () => (await api<{ items: ConsentTemplate[] }>(clinicPath(clinicId, '/consent-templates'))).items,
  })
  const [params] = useSearchParams()
  const outcome = params.get('signed') ? 'signed' : params.get('signing') === 'cancelled' ? 'cancelled' : null
  return (
    <QueryView query={consents} what="consents">
      {(items) => (
        <div className="stack">
          {outcome === 'signed' ? (
            <p className="notice notice-ok" role="status">
              Signed on the tablet. The signed text is kept exactly as the client read it.
            </p>
          ) : outcome === 'cancelled' ? (
            <p className="notice" role="status">
              The client stopped without signing; nothing was signed.
            </p>
          ) : null}
          <QueryView query={templates} what="consent texts">
            {(latest) => {
              const toSign = latest.filter((t) => !items.some((c) => c.kind === t.kind && c.version === t.version))
              return toSign.length === 0 ? null : (
                <div className="card">
                  <h2>To sign</h2>
                  <ul className="plain">
                    {toSign.map((t) => {
                      const older = items.find((c) => c.kind === t.kind)
                      return (
                        <li key={t.id} className="to-sign">
                          <span>
                            {t.title} (version {t.version})
                            {older ? ` — signed version ${older.version}; the text has changed since` : ''}
                          </span>{' '}
                          <Link className="button" to={`/clinic/${clinicId}/clients/${clientId}/sign/${t.id}`}>
                            Hand the tablet to the client to sign
                          </Link>
                        </li>
                      )
                    })}
                  </ul>
                </div>
              )
            }}
          </QueryView>
          {items.length === 0 ? (
            <Empty>
              <p>No consents signed yet. The client signs them in the portal or on the clinic's tablet.</p>
            </Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Consent</th>
                  <th scope="col">Signed by</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.title} (version {c.version})
                    </td>
                    <td>{c.signerName}</td>
                    <td>{formatLocal(c.signedAtLocal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </QueryView>
  )
}

function MessagesTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
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
