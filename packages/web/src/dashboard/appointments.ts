// Appointments of a clinic over a time range, and what the front desk does with one: book, check in, complete, mark a
// no-show, cancel with a reason, move (time, day, practitioner, chair or location), link a website booking to a
// client file. The server applies every rule and says why when it refuses, with the next free times that would work.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api, messageOf } from '../api/client.ts'
import type { Appointment, AppointmentDetail, FreeTime, LocalTime } from '../api/types.ts'
import { formatLocalDate, formatLocalTime } from '../ui/format.ts'
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

/** One appointment with its history and, for a website booking, the clients it may be. */
export function useAppointmentDetail(clinicId: string, appointmentId: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'appointments', 'detail', appointmentId],
    queryFn: () => api<AppointmentDetail>(clinicPath(clinicId, `/appointments/${appointmentId}`)),
  })
}

/** A wall-clock start at the location: the server reads it in the location's zone. */
interface LocalStart {
  date: string
  time: string
}

export interface Reschedule {
  appointment: Appointment
  /** The new start: a local date and time, or an instant the server offered. */
  startsAtLocal?: LocalStart
  startsAt?: string
  practitionerId?: string
  chairId?: string
  locationId?: string
  /** Kept with the change (the server requires one). */
  reason: string
}

/** What a drag records as the reason; the move panel lets staff write their own. */
export const DRAG_REASON = 'Moved in the calendar'

function useInvalidate(clinicId: string) {
  const queryClient = useQueryClient()
  return () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'appointments'] })
}

export function useReschedule(clinicId: string) {
  const invalidate = useInvalidate(clinicId)
  return useMutation({
    mutationFn: ({ appointment, reason, ...to }: Reschedule) =>
      api<Appointment>(clinicPath(clinicId, `/appointments/${appointment.id}/reschedule`), {
        method: 'POST',
        body: {
          reason,
          ...(to.startsAt !== undefined ? { startsAt: to.startsAt } : {}),
          ...(to.startsAtLocal !== undefined ? { startsAtLocal: to.startsAtLocal } : {}),
          ...(to.practitionerId !== undefined && to.practitionerId !== appointment.practitionerId
            ? { practitionerId: to.practitionerId }
            : {}),
          ...(to.chairId !== undefined && to.chairId !== appointment.chairId ? { chairId: to.chairId } : {}),
          ...(to.locationId !== undefined && to.locationId !== appointment.locationId
            ? { locationId: to.locationId }
            : {}),
        },
      }),
    onSettled: invalidate,
  })
}

export type StatusAction = 'arrive' | 'complete' | 'no-show' | 'cancel'

export function useStatusChange(clinicId: string) {
  const invalidate = useInvalidate(clinicId)
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: StatusAction; reason?: string }) =>
      api<Appointment>(clinicPath(clinicId, `/appointments/${id}/${action}`), {
        method: 'POST',
        body: action === 'cancel' ? { reason } : {},
      }),
    onSettled: invalidate,
  })
}

export interface NewBooking {
  locationId: string
  practitionerId: string
  chairId?: string
  clientId: string
  kind: string
  startsAtLocal?: LocalStart
  startsAt?: string
}

export function useBook(clinicId: string) {
  const invalidate = useInvalidate(clinicId)
  return useMutation({
    mutationFn: (booking: NewBooking) =>
      api<Appointment>(clinicPath(clinicId, '/appointments'), { method: 'POST', body: booking }),
    onSettled: invalidate,
  })
}

export function useLinkClient(clinicId: string) {
  const invalidate = useInvalidate(clinicId)
  return useMutation({
    mutationFn: ({ appointmentId, clientId }: { appointmentId: string; clientId: string }) =>
      api<Appointment>(clinicPath(clinicId, `/appointments/${appointmentId}/link-client`), {
        method: 'POST',
        body: { clientId },
      }),
    onSettled: invalidate,
  })
}

/** The server's reason for a refusal, in its own words (field messages that add something included). */
export function refusalText(error: unknown): string {
  if (!(error instanceof ApiError)) return messageOf(error)
  return [error.message, ...error.problems.map((p) => p.message)]
    .filter((m, i, all) => all.findIndex((o) => o.toLowerCase() === m.toLowerCase()) === i)
    .filter((m, i, all) => i === 0 || !(all[0] ?? '').toLowerCase().includes(m.toLowerCase()))
    .join('. ')
}

/** The free times the server offered with a refusal. */
export function offeredTimes(error: unknown): FreeTime[] {
  if (!(error instanceof ApiError)) return []
  const offered = error.extensions.alternatives
  return Array.isArray(offered) ? (offered as FreeTime[]) : []
}

const KIND_LABELS: Record<string, string> = {
  consultation: 'Consultation',
  'smp-session': 'SMP session',
  'touch-up': 'Touch-up',
  'laser-removal': 'Laser removal',
}

export const KIND_OPTIONS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))

export function kindLabel(a: Pick<Appointment, 'kind' | 'courseIndex'>): string {
  const label = KIND_LABELS[a.kind] ?? a.kind
  return a.courseIndex ? `${label} ${a.courseIndex}` : label
}

export function whoLabel(a: Appointment): string {
  return a.clientName ?? a.contact?.name ?? 'Client'
}

export const STATUS_LABELS: Record<string, string> = {
  booked: 'Booked',
  arrived: 'Checked in',
  completed: 'Completed',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
}

/** "Mon, Dec 7, 2026, 2:30 p.m." of a server-computed local time. */
export function whenLabel(local: LocalTime): string {
  return `${formatLocalDate(local.date)}, ${formatLocalTime(local.time)}`
}

/** "2:30 p.m.–3:15 p.m." */
export function spanLabel(a: Pick<Appointment, 'startsAtLocal' | 'endsAtLocal'>): string {
  return `${formatLocalTime(a.startsAtLocal.time)}–${formatLocalTime(a.endsAtLocal.time)}`
}
