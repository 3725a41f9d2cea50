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

// --- design, placement and presets (for @stipple/domain and the cli) ---
export { type HairBuffer, type PlacementResult, DEFAULT_DOT_CAP, placeDots } from './placement/place-dots.ts'
export { type Issue, validateDesign } from './placement/validate.ts'
export { type PresetId, PRESET_IDS, presetDesign } from './presets/presets.ts'
export { type Landmarks, landmarks } from './scalp/landmarks.ts'

// --- rendering and appearance (Engine II) ---
export { labToLinearRgb, linearRgbToLab, linearToSrgb, srgbToLinear } from './appearance/color.ts'
export { parseDilution, pigmentConcentration, SHADE_STEP } from './appearance/pigment.ts'
export { SKIN_LAB, skinLinearRgb } from './appearance/skin-palette.ts'
export {
  DEFAULT_SESSION_SPACING_DAYS,
  fadeTimeConstant,
  HEALED_DARKNESS,
  type Longevity,
  longevity,
  TOUCH_UP_CONTRAST,
  VISIBLE_CONTRAST,
} from './appearance/time.ts'
export { forEachMarkPixel, MARK_TEXT, markLayout } from './render/mark.ts'
export { rasterizeDiscs } from './render/raster.ts'
export {
  checkRenderOptions,
  type HairPoints,
  MAX_RENDER_SIDE,
  MAX_YEARS,
  MIN_RENDER_SIDE,
  type RenderIssue,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
  renderPreview,
  type Stage,
} from './render/render-preview.ts'
export {
  type ChartWindow,
  createView,
  type PixelPoint,
  projectChartPoint,
  unprojectPixel,
  VIEW_NAMES,
  type View,
  type ViewName,
} from './render/view.ts'
