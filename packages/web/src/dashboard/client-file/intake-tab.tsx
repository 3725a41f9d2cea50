// The intake in force with its screening, the consultation to run on it, and the earlier intakes it supersedes.
import type { IntakeRecord } from '@stipple/domain'
import { Link } from 'react-router'
import type { Consultation, ScreeningInForce } from '../../api/types.ts'
import { useConsultations, useRunConsultation, useScreeningInForce } from '../../api/use-client-file.ts'
import { formatLocalDate } from '../../ui/format.ts'
import { Empty, ErrorNote, QueryView } from '../../ui/states.tsx'
import { useClinicSetup } from '../clinic-context.ts'

export function IntakeTab({
  clinicId,
  clientId,
  intakes,
}: {
  clinicId: string
  clientId: string
  intakes: IntakeRecord[]
}) {
  const consultations = useConsultations(clinicId, clientId)
  const setup = useClinicSetup(clinicId)
  const screening = useScreeningInForce(clinicId, clientId)
  const run = useRunConsultation(clinicId, clientId, setup.data?.locations[0]?.id)
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
