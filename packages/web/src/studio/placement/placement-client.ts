// The page's side of the placement worker: one request in flight at a time and only the newest waiting (later ones
// replace it), so a drag never queues up stale placements; every answer is shown as it comes, in order.
import { latestOnly, type WorkerPort } from '../latest-only.ts'
import type { PlaceRequest, PlaceResponse } from './placement-protocol.ts'

export interface PlacementClient {
  /** Asks for a placement; a request still waiting for the worker is dropped for this one. */
  request(design: PlaceRequest['design'], versions: PlaceRequest['versions'], plan: boolean): void
  dispose(): void
}

export type PortLike = WorkerPort<PlaceRequest, PlaceResponse>

export function createPlacementClient(port: PortLike, onResult: (r: PlaceResponse) => void): PlacementClient {
  const worker = latestOnly(port, onResult)
  return {
    request(design, versions, plan) {
      worker.send((id) => ({ id, design, versions, plan }))
    },
    dispose: worker.dispose,
  }
}

/** A client over a new module worker running the engine. */
export function createWorkerPlacement(onResult: (r: PlaceResponse) => void): PlacementClient {
  const worker = new Worker(new URL('./placement-worker.ts', import.meta.url), { type: 'module' })
  return createPlacementClient(worker as unknown as PortLike, onResult)
}
