// The inspection worker's job, kept apart from `self` so it runs in tests too.
import { inspectPlacement } from '@stipple/engine'
import type { InspectRequest, InspectResponse } from './inspect-protocol.ts'

export function answerInspection(
  { id, placement, options }: InspectRequest,
  now: () => number = () => performance.now()
): InspectResponse {
  const t0 = now()
  const r = inspectPlacement(placement, options)
  if (!r.ok) return { id, ok: false, message: r.issues.map((i) => `${i.path}: ${i.message}`).join('; ') }
  return { id, ok: true, fringeMatch: r.report.fringeMatch, ms: now() - t0 }
}
