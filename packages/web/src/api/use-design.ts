// The studio's design through the API: loaded (and loaded again after a conflict), saved as versions and approved,
// with what the page shows about it (busy, the conflict, the last status message).
import { toDesign } from '@stipple/domain'
import type { Design } from '@stipple/engine'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, messageOf } from './client.ts'
import { type DesignDetailDto, loadDesign, recordApproval, saveVersion } from './design-api.ts'

/** A client's design as the server last had it, and the design the page last saved or loaded. */
interface RemoteDesign {
  clinicId: string
  designId: string
  title: string
  version: number
  versionId: string
  saved: Design
  approval: DesignDetailDto['approval']
}

export type ApprovalMethod = 'in-clinic' | 'paper'

export interface UseDesign {
  remote: RemoteDesign | null
  /** The design each load brought, newest last (a new object each load). */
  loaded: Design | null
  loadError: string | null
  reload(): void
  save(design: Design): Promise<void>
  approve(method: ApprovalMethod): Promise<void>
  busy: boolean
  /** Someone saved a newer version (or approved) meanwhile: the save was refused. */
  conflict: boolean
  status: string
}

/** Loads the design with these ids; with no ids (a preset) there is nothing to load and nothing to save. */
export function useDesign(clinicId: string | undefined, designId: string | undefined): UseDesign {
  const [remote, setRemote] = useState<RemoteDesign | null>(null)
  const [loaded, setLoaded] = useState<Design | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [conflict, setConflict] = useState(false)
  const [status, setStatus] = useState('')

  const reload = useCallback(() => {
    if (clinicId === undefined || designId === undefined) {
      setRemote(null)
      return
    }
    setLoadError(null)
    loadDesign(clinicId, designId).then(
      (d) => {
        const design = toDesign(d.latest.document)
        setLoaded(design)
        setRemote({
          clinicId,
          designId,
          title: d.title,
          version: d.latest.version,
          versionId: d.latest.id,
          saved: design,
          approval: d.approval,
        })
      },
      (e: unknown) => setLoadError(messageOf(e))
    )
  }, [clinicId, designId])
  useEffect(reload, [reload])

  const save = async (design: Design) => {
    if (remote === null) return
    setBusy(true)
    setConflict(false)
    try {
      const saved = await saveVersion(remote.clinicId, remote.designId, remote.version, design)
      setRemote({ ...remote, version: saved.version, versionId: saved.id, saved: design })
      setStatus(`Saved as version ${saved.version}.`)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true)
      else setStatus(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const approve = async (method: ApprovalMethod) => {
    if (remote === null) return
    setBusy(true)
    try {
      const a = await recordApproval(remote.clinicId, remote.designId, remote.versionId, method)
      setRemote({ ...remote, approval: a })
      setStatus(`The client's approval of version ${a.version} is recorded.`)
    } catch (e) {
      setStatus(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  return { remote, loaded, loadError, reload, save, approve, busy, conflict, status }
}
