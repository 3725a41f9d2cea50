// The page's side of the inspection worker: one request in flight and only the newest waiting, so a run of changes
// measures the last one, not every one.
import { latestOnly, type WorkerPort } from '../latest-only.ts'
import type { InspectRequest, InspectResponse } from './inspect-protocol.ts'

export type InspectPort = WorkerPort<InspectRequest, InspectResponse>

export interface InspectClient {
  /** Asks for the fringe match of a placement; returns the request's id (answers carry it). */
  request(placement: InspectRequest['placement'], options: InspectRequest['options']): number
  dispose(): void
}

export function createInspectClient(port: InspectPort, onResult: (r: InspectResponse) => void): InspectClient {
  const worker = latestOnly(port, onResult)
  return {
    request: (placement, options) => worker.send((id) => ({ id, placement, options })),
    dispose: worker.dispose,
  }
}

/** A client over a new module worker running the engine's inspection. */
export function createWorkerInspection(onResult: (r: InspectResponse) => void): InspectClient {
  const worker = new Worker(new URL('./inspect-worker.ts', import.meta.url), { type: 'module' })
  return createInspectClient(worker as unknown as InspectPort, onResult)
}
