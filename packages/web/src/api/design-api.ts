// The studio's calls to the design routes, through the app's API client (cookies and the x-csrf-token header).
import { DESIGN_SCHEMA_V1, type DesignDocument, type LocalTime } from '@stipple/domain'
import type { Design } from '@stipple/engine'
import { api } from './client.ts'

export interface DesignDetailDto {
  id: string
  clientId: string
  title: string
  versions: { id: string; version: number; createdAt: string }[]
  latest: { id: string; version: number; document: DesignDocument }
  approval: {
    versionId: string
    version: number
    method: string
    approvedAt: string
    approvedAtLocal: LocalTime
  } | null
}

const base = (clinicId: string, designId: string) =>
  `/api/v1/clinics/${encodeURIComponent(clinicId)}/designs/${encodeURIComponent(designId)}`

export function loadDesign(clinicId: string, designId: string): Promise<DesignDetailDto> {
  return api<DesignDetailDto>(base(clinicId, designId))
}

/** Saves a new version; rejects with an ApiError of status 409 when someone saved (or approved) meanwhile. */
export function saveVersion(
  clinicId: string,
  designId: string,
  basedOnVersion: number,
  design: Design
): Promise<{ id: string; version: number }> {
  const document = { schema: DESIGN_SCHEMA_V1, ...design }
  return api(`${base(clinicId, designId)}/versions`, { method: 'POST', body: { basedOnVersion, document } })
}

export function recordApproval(
  clinicId: string,
  designId: string,
  versionId: string,
  method: 'in-clinic' | 'paper'
): Promise<{ versionId: string; version: number; method: string; approvedAt: string; approvedAtLocal: LocalTime }> {
  return api(`${base(clinicId, designId)}/approval`, { method: 'POST', body: { versionId, method } })
}
