// The engine's dot output: a struct of typed arrays, one entry per impression.

/** Zone index 255 marks a dot placed in a scar's camouflage fill outside every zone. */
export interface DotBuffer {
  count: number
  /** Chart position, mm. */
  x: Float32Array
  y: Float32Array
  /** Healed visible diameter, mm. */
  diameter: Float32Array
  /** Shade, HIS-like scale (20 darkest … 60 lightest), for the final session; earlier sessions add their offset. */
  shade: Uint8Array
  /** Session index, 0-based. */
  session: Uint8Array
  /** Index into design.zones. */
  zone: Uint8Array
}

/** Bytes used per dot by a DotBuffer. */
export const DOT_BYTES = 4 + 4 + 4 + 1 + 1 + 1

export function allocateDots(count: number): DotBuffer {
  return {
    count,
    x: new Float32Array(count),
    y: new Float32Array(count),
    diameter: new Float32Array(count),
    shade: new Uint8Array(count),
    session: new Uint8Array(count),
    zone: new Uint8Array(count),
  }
}
