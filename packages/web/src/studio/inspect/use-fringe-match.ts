// The fringe match, measured in its own worker once a change settles (never while dragging).
import type { FringeMatch, Placement } from '@stipple/engine'
import { useEffect, useRef, useState } from 'react'
import { createWorkerInspection, type InspectClient } from './inspect-client.ts'

export function useFringeMatch(
  placement: Placement | null,
  dragging: boolean,
  look: { session: number; stage: 'fresh' | 'healed'; years: number }
): { match: FringeMatch | null; pending: boolean } {
  const inspection = useRef<InspectClient | null>(null)
  const inspectId = useRef(0)
  const [fringe, setFringe] = useState<{ match: FringeMatch | null; pending: boolean }>({ match: null, pending: true })
  useEffect(() => {
    const client = createWorkerInspection((r) => {
      if (r.id !== inspectId.current) return
      setFringe((f) => ({ match: r.ok ? r.fringeMatch : f.match, pending: false }))
    })
    inspection.current = client
    return () => client.dispose()
  }, [])
  const { session, stage, years } = look
  useEffect(() => {
    if (placement === null || dragging || inspection.current === null) return
    setFringe((f) => ({ ...f, pending: true }))
    inspectId.current = inspection.current.request(placement, {
      session: Math.min(session, placement.design.sessions.length),
      stage,
      years: stage === 'healed' ? years : 0,
    })
  }, [placement, dragging, session, stage, years])
  return fringe
}
