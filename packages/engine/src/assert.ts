/** Throws for programmer errors only; expected outcomes are returned as values. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`@stipple/engine: ${message}`)
}
