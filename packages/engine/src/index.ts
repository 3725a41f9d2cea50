// @stipple/engine: the only public entry. Explicit named exports; modules import each other directly, never this file.

export { type Rng, createRng, deriveSeed } from './math/rng.ts'
export { type DotBuffer, allocateDots, DOT_BYTES } from './model/dots.ts'
export type {
  ChartPoint,
  Design,
  ExistingHair,
  Hairline,
  HairlineShape,
  Pigment,
  Scar,
  SessionSpec,
  Skin,
  SkinKind,
  SunExposure,
  Zone,
  ZoneKind,
} from './model/design.ts'
export {
  type HeadMeasurements,
  type HeadModel,
  type Sex,
  areaElementAt,
  chartToSurface,
  createHead,
  DEFAULT_HEAD,
  metricAt,
  normalAt,
  surfaceToChart,
} from './scalp/head.ts'
export { type PoissonResult, type RadiusField, poissonDisk } from './placement/poisson-disk.ts'

// --- rendering and appearance (Engine II) ---
