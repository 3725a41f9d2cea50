// The sessions recorded: areas, needles and pigments with their lots, and any refusal set aside by the owner.
import type { SessionRecord } from '@stipple/domain'
import { formatLocal } from '../../ui/format.ts'
import { Empty } from '../../ui/states.tsx'

export function SessionsTab({ sessions }: { sessions: SessionRecord[] }) {
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
