// Appointments of a clinic over a time range, and moving one (the server applies the spacing and overlap rules and
// says why when it refuses).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client.ts'
import type { Appointment } from '../api/types.ts'
import { clinicPath } from './clinic-context.ts'

/** Appointments from one local date to another (both YYYY-MM-DD, at most 92 days). */
export function useAppointments(clinicId: string, from: string, to: string, locationId?: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'appointments', from, to, locationId ?? null],
    queryFn: async () =>
      (
        await api<{ items: Appointment[] }>(clinicPath(clinicId, '/appointments'), {
          query: { from, to, locationId },
        })
      ).items,
  })
}

export interface Reschedule {
  appointment: Appointment
  startsAt: string
  /** Another chair at the same location; the practitioner stays. */
  chairId?: string
  /** Kept with the change (the server requires one). */
  reason: string
}

/** What a drag records as the reason; the move panel lets staff write their own. */
export const DRAG_REASON = 'Moved in the calendar'

export function useReschedule(clinicId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ appointment, startsAt, chairId, reason }: Reschedule) =>
      api<Appointment>(clinicPath(clinicId, `/appointments/${appointment.id}/reschedule`), {
        method: 'POST',
        body: { startsAt, reason, ...(chairId !== undefined && chairId !== appointment.chairId ? { chairId } : {}) },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'appointments'] }),
  })
}

const KIND_LABELS: Record<string, string> = {
  consultation: 'Consultation',
  'smp-session': 'SMP session',
  'touch-up': 'Touch-up',
  'laser-removal': 'Laser removal',
}

export function kindLabel(a: Appointment): string {
  const label = KIND_LABELS[a.kind] ?? a.kind
  return a.courseIndex ? `${label} ${a.courseIndex}` : label
}

export function whoLabel(a: Appointment): string {
  return a.clientName ?? a.contact?.name ?? 'Client'
}
