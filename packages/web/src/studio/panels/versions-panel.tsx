// A client's design: its version, saving a new one (and the conflict when someone saved meanwhile), and recording
// the client's approval of a version.
import { useId, useState } from 'react'
import type { ApprovalMethod, UseDesign } from '../../api/use-design.ts'
import { formatLocal } from '../../ui/format.ts'

export function VersionsPanel(props: {
  remote: NonNullable<UseDesign['remote']>
  dirty: boolean
  busy: boolean
  conflict: boolean
  onSave(): void
  onReload(): void
  onApprove(method: ApprovalMethod): void
}) {
  const { remote, dirty, busy } = props
  const [approvalMethod, setApprovalMethod] = useState<ApprovalMethod>('in-clinic')
  const methodId = useId()
  return (
    <section className="studio-panel" aria-label="Versions and approval">
      <h2>Versions and approval</h2>
      <p>
        Version {remote.version}
        {dirty ? ', with unsaved changes' : ''}.
      </p>
      <button type="button" onClick={props.onSave} disabled={busy || !dirty}>
        Save as a new version
      </button>
      {props.conflict && (
        <div role="alert">
          <p>
            Someone saved a newer version of this design meanwhile (or it was approved). Your changes are still here.
          </p>
          <button type="button" onClick={props.onReload}>
            Load the newest version
          </button>
        </div>
      )}
      {remote.approval !== null ? (
        <p>
          Approved: version {remote.approval.version}, {remote.approval.method},{' '}
          {formatLocal(remote.approval.approvedAtLocal)}.
        </p>
      ) : (
        <p>Not approved yet.</p>
      )}
      <div className="studio-field">
        <label htmlFor={methodId}>How the client approved</label>
        <select
          id={methodId}
          value={approvalMethod}
          onChange={(e) => setApprovalMethod(e.currentTarget.value as ApprovalMethod)}
        >
          <option value="in-clinic">In the clinic</option>
          <option value="paper">On paper</option>
        </select>
      </div>
      <button type="button" onClick={() => props.onApprove(approvalMethod)} disabled={busy || dirty}>
        Record the client's approval of version {remote.version}
      </button>
    </section>
  )
}
