// Reads and changes for one client's file: each part from its own route, so one part still loading or failing leaves
// the rest. A change reads the whole file again (every part's key starts with the client's).
import type { ClientFile, Photo } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from './client.ts'
import { clientPath, clinicPath } from './paths.ts'
import type {
  ConsentTemplate,
  Consultation,
  DesignSummary,
  OutboxMessage,
  ScreeningInForce,
  SignedConsentSummary,
  TreatmentPlan,
} from './types.ts'

/** Every part of one client's file is kept under this key, so a change reads the whole file again. */
const clientKey = (clinicId: string, clientId: string) => ['clinic', clinicId, 'client', clientId]

/**
 * `fresh`: read again whenever a screen shows it, as designs and plans change in the studio (a new version the client
 * approves must be the one on screen, not the one cached before the studio saved it).
 */
const items = <T>(clinicId: string, clientId: string, part: string, fresh = false) => ({
  queryKey: [...clientKey(clinicId, clientId), part],
  queryFn: async () => (await api<{ items: T[] }>(clientPath(clinicId, clientId, `/${part}`))).items,
  ...(fresh ? { refetchOnMount: 'always' as const } : {}),
})

/** The reads of one client's file, each from its own route: for the hooks below and for tests. */
export const clientFileQueries = (clinicId: string, clientId: string) => ({
  file: {
    queryKey: [...clientKey(clinicId, clientId), 'file'],
    queryFn: () => api<ClientFile>(clientPath(clinicId, clientId)),
  },
  screening: {
    queryKey: [...clientKey(clinicId, clientId), 'screening'],
    queryFn: () => api<ScreeningInForce | null>(clientPath(clinicId, clientId, '/screening')),
  },
  consultations: items<Consultation>(clinicId, clientId, 'consultations'),
  designs: items<DesignSummary>(clinicId, clientId, 'designs', true),
  plans: items<TreatmentPlan>(clinicId, clientId, 'plans', true),
  photos: items<Photo>(clinicId, clientId, 'photos'),
  consents: items<SignedConsentSummary>(clinicId, clientId, 'consents'),
  messages: items<OutboxMessage>(clinicId, clientId, 'messages'),
})

export const useClientFile = (c: string, k: string) => useQuery(clientFileQueries(c, k).file)
/** The client's latest intake screened today; null without an intake. */
export const useScreeningInForce = (c: string, k: string) => useQuery(clientFileQueries(c, k).screening)
export const useConsultations = (c: string, k: string) => useQuery(clientFileQueries(c, k).consultations)
export const useDesigns = (c: string, k: string) => useQuery(clientFileQueries(c, k).designs)
export const usePlans = (c: string, k: string) => useQuery(clientFileQueries(c, k).plans)
export const usePhotos = (c: string, k: string) => useQuery(clientFileQueries(c, k).photos)
export const useConsents = (c: string, k: string) => useQuery(clientFileQueries(c, k).consents)
export const useMessages = (c: string, k: string) => useQuery(clientFileQueries(c, k).messages)

/** The latest version of each consent text the clinic keeps. */
export function useConsentTemplates(clinicId: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'consent-templates'],
    queryFn: async () => (await api<{ items: ConsentTemplate[] }>(clinicPath(clinicId, '/consent-templates'))).items,
  })
}

/** Runs the consultation on one intake at a location: recommended design, plan and quote. */
export function useRunConsultation(clinicId: string, clientId: string, locationId: string | undefined) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (intakeId: string) =>
      api(clientPath(clinicId, clientId, '/consultations'), { method: 'POST', body: { intakeId, locationId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKey(clinicId, clientId) }),
  })
}

/** Records the client's approval, given in the clinic, of a design's latest version. */
export function useApproveDesign(clinicId: string, clientId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (d: DesignSummary) =>
      api(clinicPath(clinicId, `/designs/${d.id}/approval`), {
        method: 'POST',
        body: { versionId: d.latest.id, method: 'in-clinic' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKey(clinicId, clientId) }),
  })
}

export const photoUrl = (clinicId: string, clientId: string, photoId: string, variant: 'image' | 'thumbnail') =>
  clientPath(clinicId, clientId, `/photos/${photoId}/${variant}`)

export const previewUrl = (clinicId: string, designId: string, versionId: string, size = 256) =>
  clinicPath(clinicId, `/designs/${designId}/versions/${versionId}/preview.png?width=${size}`)
