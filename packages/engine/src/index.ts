// @stipple/engine: the only public entry. Explicit named exports; modules import each other directly, never this file.

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
export {
  CLOSE_UP_MM,
  CLOSE_UP_POINTS,
  CLOSE_UP_PX,
  CLOSE_UP_PX_PER_MM,
  type CloseUpPoint,
  closeUpPoint,
  closeUpWindow,
} from './inspect/close-up.ts'
export { deltaE2000 } from './inspect/delta-e.ts'
export {
  type AreaEvenness,
  type BandColour,
  EVENNESS_MARGIN,
  type Evenness,
  FRINGE_MATCH_LIMIT,
  type FringeMatch,
  fringeMatchReading,
  type InspectionReport,
  type InspectionResult,
  type InspectOptions,
  inspectPlacement,
  MEASURE_PX_PER_MM,
  type ZoneFigures,
} from './inspect/inspect.ts'
export { createRng, deriveSeed, type Rng } from './math/rng.ts'
export {
  type ChartPoint,
  type Design,
  type ExistingHair,
  HAIR_COLORS,
  HAIR_LENGTHS,
  type HairColor,
  type HairLength,
  type HairLook,
  type Hairline,
  type HairlineHandle,
  type HairlineShape,
  type Pigment,
  type Scar,
  type SessionSpec,
  type Skin,
  type SkinKind,
  type SunExposure,
  type Zone,
  type ZoneKind,
} from './model/design.ts'
export { allocateDots, DOT_BYTES, type DotBuffer } from './model/dots.ts'
// --- design, placement and presets (for @stipple/domain and the cli) ---
export {
  type CurveHandle,
  HANDLE_LIMIT_MM,
  hairlineControlPoints,
  hairlineCurve,
  hairlineHandles,
} from './placement/hairline.ts'
export { placeDotsAfterHairlineMove } from './placement/hairline-drag.ts'
export {
  type ChartBox,
  DEFAULT_DOT_CAP,
  type HairBuffer,
  type Placement,
  type PlacementResult,
  placeDots,
} from './placement/place-dots.ts'
export { type PoissonResult, poissonDisk, type RadiusField } from './placement/poisson-disk.ts'
export { type Issue, validateDesign } from './placement/validate.ts'
export { defaultSessions, PRESET_IDS, type PresetId, presetDesign } from './presets/presets.ts'
export { DEFAULT_HAIR, type HairPoints, hairLook } from './render/hair.ts'
export type { HairSegments } from './render/hair-marks.ts'
export { type PreviewLayers, type PreviewLayersResult, previewLayers, renderSkinBase } from './render/layers.ts'
export { forEachMarkPixel, MARK_TEXT, markLayout } from './render/mark.ts'
export {
  checkRenderOptions,
  MAX_RENDER_SIDE,
  MAX_YEARS,
  MIN_RENDER_SIDE,
  type RenderIssue,
  type RenderOptions,
  type RenderResult,
  type RgbaTarget,
  type Stage,
} from './render/options.ts'
export { rasterizeDiscs } from './render/raster.ts'
export { renderPreview } from './render/render-preview.ts'
export {
  type ChartWindow,
  createOrbitView,
  createView,
  type PixelPoint,
  projectChartPoint,
  scalpClipY,
  unprojectPixel,
  VIEW_NAMES,
  type View,
  type ViewName,
} from './render/view.ts'
export {
  areaElementAt,
  chartToSurface,
  createHead,
  DEFAULT_HEAD,
  type HeadMeasurements,
  type HeadModel,
  metricAt,
  normalAt,
  type Sex,
  surfaceToChart,
} from './scalp/head.ts'
export { type FaceGeometry, faceGeometry, type HeadMesh, headMesh } from './scalp/head-model.ts'
export { type Landmarks, landmarks } from './scalp/landmarks.ts'
