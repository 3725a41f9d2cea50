// The placement worker: the engine's placeDots off the main thread, so dragging stays responsive.
import { createPlacer } from './place.ts'
import type { PlaceRequest, PlaceResponse } from './placement-protocol.ts'

const placer = createPlacer()
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PlaceRequest>) => void) | null
  postMessage(message: PlaceResponse): void
}
scope.onmessage = (e) => {
  // the arrays stay with the worker's cache: a structured copy goes to the page
  scope.postMessage(placer.place(e.data))
}
