// Undo and redo over whole designs. A drag previews into `present` without touching history and lands as one step.

export interface History<T> {
  past: readonly T[]
  present: T
  future: readonly T[]
  /** The value before a drag started, while one is in progress. */
  dragFrom: T | null
}

const LIMIT = 200

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], dragFrom: null }
}

/** One undoable change (a no-op when the value is the same object). */
export function commit<T>(h: History<T>, next: T): History<T> {
  if (next === h.present) return h
  return { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [], dragFrom: null }
}

/** Shows a value while dragging; `endDrag` turns the whole drag into one step. */
export function preview<T>(h: History<T>, next: T): History<T> {
  return { ...h, present: next, dragFrom: h.dragFrom ?? h.present }
}

export function endDrag<T>(h: History<T>): History<T> {
  if (h.dragFrom === null) return h
  if (h.dragFrom === h.present) return { ...h, dragFrom: null }
  return { past: [...h.past, h.dragFrom].slice(-LIMIT), present: h.present, future: [], dragFrom: null }
}

export function undo<T>(h: History<T>): History<T> {
  const settled = endDrag(h)
  const prev = settled.past[settled.past.length - 1]
  if (prev === undefined) return settled
  return {
    past: settled.past.slice(0, -1),
    present: prev,
    future: [settled.present, ...settled.future],
    dragFrom: null,
  }
}

export function redo<T>(h: History<T>): History<T> {
  const next = h.future[0]
  if (next === undefined) return h
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), dragFrom: null }
}
