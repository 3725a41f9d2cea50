// Reads for one client's file: each part from its own route, so one part still loading or failing leaves the rest.
import type { ClientFile, Photo } from '@stipple/domain'
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import type { Consultation, DesignSummary, OutboxMessage, SignedConsentSummary, TreatmentPlan } from '../api/types.ts'
import { clinicPath } from './clinic-context.ts'

export const clientPath = (clinicId: string, clientId: string, rest = '') =>
  clinicPath(clinicId, `/clients/${clientId}${rest}`)

/**
 * `fresh`: read again whenever a screen shows it, as designs and plans change in the studio (a new version the client
 * approves must be the one on screen, not the one cached before the studio saved it).
 */
function useItems<T>(clinicId: string, clientId: string, part: string, fresh = false) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'client', clientId, part],
    queryFn: async () => (await api<{ items: T[] }>(clientPath(clinicId, clientId, `/${part}`))).items,
    ...(fresh ? { refetchOnMount: 'always' as const } : {}),
  })
}

export function useClientFile(clinicId: string, clientId: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'client', clientId, 'file'],
    queryFn: () => api<ClientFile>(clientPath(clinicId, clientId)),
  })
}

export const useConsultations = (c: string, k: string) => useItems<Consultation>(c, k, 'consultations')
export const useDesigns = (c: string, k: string) => useItems<DesignSummary>(c, k, 'designs', true)
export const usePlans = (c: string, k: string) => useItems<TreatmentPlan>(c, k, 'plans', true)
export const usePhotos = (c: string, k: string) => useItems<Photo>(c, k, 'photos')
export const useConsents = (c: string, k: string) => useItems<SignedConsentSummary>(c, k, 'consents')
export const useMessages = (c: string, k: string) => useItems<OutboxMessage>(c, k, 'messages')

export const photoUrl = (clinicId: string, clientId: string, photoId: string, variant: 'image' | 'thumbnail') =>
  clientPath(clinicId, clientId, `/photos/${photoId}/${variant}`)

export const previewUrl = (clinicId: string, designId: string, versionId: string, size = 256) =>
  clinicPath(clinicId, `/designs/${designId}/versions/${versionId}/preview.png?width=${size}`)
