// Types for the untyped peer libraries the placement bench measures against.
declare module 'poisson-disk-sampling' {
  export default class PoissonDiskSampling {
    constructor(
      options: {
        shape: number[]
        minDistance: number
        maxDistance?: number
        tries?: number
        distanceFunction?: (point: number[]) => number
      },
      rng?: () => number
    )
    fill(): number[][]
  }
}
declare module 'fast-2d-poisson-disk-sampling' {
  export default class FastPoissonDiskSampling {
    constructor(options: { shape: [number, number]; radius: number; tries?: number }, rng?: () => number)
    fill(): number[][]
  }
}
