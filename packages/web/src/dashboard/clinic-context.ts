// The clinic the dashboard shows, the signed-in member's role there, and the clinic's locations, staff and chairs.

import type { SessionInfo } from '@stipple/domain'
import { useQuery } from '@tanstack/react-query'
import { useOutletContext } from 'react-router'
import { api } from '../api/client.ts'
import { clinicPath } from '../api/paths.ts'
import type { Chair, ClinicLocation, StaffMember } from '../api/types.ts'

type Membership = SessionInfo['memberships'][number]

export interface ClinicContext {
  clinicId: string
  membership: Membership
  session: SessionInfo
}

export function useClinicContext(): ClinicContext {
  return useOutletContext<ClinicContext>()
}

export { clinicPath }

export interface ClinicSetup {
  locations: ClinicLocation[]
  /** Everyone who works at any of the locations. */
  practitioners: StaffMember[]
  chairs: Chair[]
}

/** Locations with their chairs and practitioners, for calendars and forms. */
export function useClinicSetup(clinicId: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'setup'],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<ClinicSetup> => {
      const { items } = await api<{ items: ClinicLocation[] }>(clinicPath(clinicId, '/locations'))
      const practitioners = new Map<string, StaffMember>()
      for (const l of items) for (const p of l.practitioners) practitioners.set(p.membershipId, p)
      return {
        locations: items,
        practitioners: [...practitioners.values()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
        chairs: items.flatMap((l) => l.chairs.map((c) => ({ ...c, locationId: l.id }))),
      }
    },
  })
}
