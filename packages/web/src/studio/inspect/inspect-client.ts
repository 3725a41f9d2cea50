// The page's side of the inspection worker: one request in flight and only the newest waiting, so a run of changes
// measures the last one, not every one.
import type { InspectRequest, InspectResponse } from './inspect-protocol.ts'

export interface InspectPort {
  postMessage(message: InspectRequest): void
  onmessage: ((e: MessageEvent<InspectResponse>) => void) | null
  terminate?(): void
}

export interface InspectClient {
  request(placement: InspectRequest['placement'], options: InspectRequest['options']): number
  dispose(): void
}

export function createInspectClient(port: InspectPort, onResult: (r: InspectResponse) => void): InspectClient {
  let nextId = 1
  let inFlight = false
  let pending: InspectRequest | null = null
  port.onmessage = (e) => {
    inFlight = false
    if (pending !== null) {
      const p = pending
      pending = null
      inFlight = true
      port.postMessage(p)
    }
    onResult(e.data)
  }
  return {
    request(placement, options) {
      const req: InspectRequest = { id: nextId++, placement, options }
      if (!inFlight) {
        inFlight = true
        port.postMessage(req)
      } else pending = req
      return req.id
    },
    dispose() {
      port.onmessage = null
      port.terminate?.()
    },
  }
}

/** A client over a new module worker running the engine's inspection. */
export function createWorkerInspection(onResult: (r: InspectResponse) => void): InspectClient {
  const worker = new Worker(new URL('./inspect-worker.ts', import.meta.url), { type: 'module' })
  return createInspectClient(worker as unknown as InspectPort, onResult)
}
