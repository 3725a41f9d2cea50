// The inspection worker: the engine's fringe match off the main thread.
import { answerInspection } from './inspect.ts'
import type { InspectRequest, InspectResponse } from './inspect-protocol.ts'

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<InspectRequest>) => void) | null
  postMessage(message: InspectResponse): void
}
scope.onmessage = (e) => scope.postMessage(answerInspection(e.data))
