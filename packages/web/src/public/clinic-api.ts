// The public site's reads and writes: no sign-in, the clinic named by its slug.
import { useQuery } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { api } from '../api/client.ts'
import type { GalleryItem, PublicAvailability, PublicBooking, PublicClinic, PublicPractitioner } from '../api/types.ts'

/** The clinic whose site `/` shows: set VITE_STIPPLE_CLINIC at build time; the demo clinic otherwise. */
export const DEFAULT_CLINIC_SLUG: string = import.meta.env.VITE_STIPPLE_CLINIC ?? 'northline-demo'

const base = (slug: string) => `/api/v1/public/clinics/${encodeURIComponent(slug)}`

export function useClinicSlug(): { slug: string; prefix: string } {
  const { slug } = useParams()
  return slug === undefined ? { slug: DEFAULT_CLINIC_SLUG, prefix: '' } : { slug, prefix: `/c/${slug}` }
}

export function useClinic(slug: string) {
  return useQuery({ queryKey: ['public', slug, 'clinic'], queryFn: () => api<PublicClinic>(base(slug)) })
}

export function usePractitioners(slug: string) {
  return useQuery({
    queryKey: ['public', slug, 'practitioners'],
    queryFn: () =>
      api<{ clinic?: { name: string; slug: string }; items: PublicPractitioner[] }>(`${base(slug)}/practitioners`),
  })
}

export function useGallery(slug: string) {
  return useQuery({
    queryKey: ['public', slug, 'gallery'],
    queryFn: () => api<{ items: GalleryItem[] }>(`${base(slug)}/gallery`),
  })
}

/** A gallery photo's image (only photos with the client's signed marketing consent are ever listed). */
export function galleryImageUrl(slug: string, photoId: string): string {
  return `${base(slug)}/gallery/${encodeURIComponent(photoId)}/image`
}

/** Free consultation times for local dates [from, to]; both null: the coming week from today at the location. */
export function useAvailability(slug: string, locationId: string | null, from: string | null, to: string | null) {
  return useQuery({
    queryKey: ['public', slug, 'availability', locationId, from, to],
    enabled: locationId !== null,
    queryFn: () =>
      api<PublicAvailability>(`${base(slug)}/availability`, {
        query: from === null || to === null ? { locationId } : { locationId, from, to },
      }),
  })
}

export interface ConsultationRequest {
  locationId: string
  startsAt: string
  name: string
  email: string
  phone: string
  website: string
}

export function requestConsultation(slug: string, body: ConsultationRequest) {
  return api<PublicBooking>(`${base(slug)}/consultations`, { method: 'POST', body })
}

export const bookingPath = (token: string) => `/api/v1/public/bookings/${encodeURIComponent(token)}`
