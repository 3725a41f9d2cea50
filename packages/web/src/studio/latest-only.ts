// A worker used "latest only": one request in flight at a time and only the newest waiting (a later one replaces it),
// so a run of changes never queues up stale work; every answer is handed on as it comes, in order.

export interface WorkerPort<Req, Res> {
  postMessage(message: Req): void
  onmessage: ((e: MessageEvent<Res>) => void) | null
  terminate?(): void
}

export interface LatestOnly<Req> {
  /** Sends (or keeps waiting, replacing any waiting one) the request `make` builds for the next id; returns that id. */
  send(make: (id: number) => Req): number
  dispose(): void
}

export function latestOnly<Req, Res>(port: WorkerPort<Req, Res>, onResult: (r: Res) => void): LatestOnly<Req> {
  let nextId = 1
  let inFlight = false
  let pending: Req | null = null
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
    send(make) {
      const id = nextId++
      const req = make(id)
      if (!inFlight) {
        inFlight = true
        port.postMessage(req)
      } else pending = req
      return id
    },
    dispose() {
      port.onmessage = null
      port.terminate?.()
    },
  }
}
