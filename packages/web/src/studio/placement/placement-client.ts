// The page's side of the placement worker: one request in flight at a time and only the newest waiting (later ones
// replace it), so a drag never queues up stale placements; every answer is shown as it comes, in order.
import type { PlaceRequest, PlaceResponse } from './placement-protocol.ts'

export interface PlacementClient {
  /** Asks for a placement; a request still waiting for the worker is dropped for this one. */
  request(design: PlaceRequest['design'], plan: boolean): void
  dispose(): void
}

export interface PortLike {
  postMessage(message: PlaceRequest): void
  onmessage: ((e: MessageEvent<PlaceResponse>) => void) | null
  terminate?(): void
}

export function createPlacementClient(port: PortLike, onResult: (r: PlaceResponse) => void): PlacementClient {
  let nextId = 1
  let inFlight: number | null = null
  let pending: PlaceRequest | null = null
  port.onmessage = (e) => {
    inFlight = null
    if (pending !== null) {
      const p = pending
      pending = null
      inFlight = p.id
      port.postMessage(p)
    }
    onResult(e.data)
  }
  return {
    request(design, plan) {
      const req: PlaceRequest = { id: nextId++, design, plan }
      if (inFlight === null) {
        inFlight = req.id
        port.postMessage(req)
      } else pending = req
    },
    dispose() {
      port.onmessage = null
      port.terminate?.()
    },
  }
}

/** A client over a new module worker running the engine. */
export function createWorkerPlacement(onResult: (r: PlaceResponse) => void): PlacementClient {
  const worker = new Worker(new URL('./placement-worker.ts', import.meta.url), { type: 'module' })
  return createPlacementClient(worker as unknown as PortLike, onResult)
}
