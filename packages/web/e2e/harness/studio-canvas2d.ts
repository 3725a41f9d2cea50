// The Canvas2D baseline of the studio bench: the same preview's dots drawn the plain Canvas2D way, one arc and fill
// per dot in its colour over the same untoned skin, and the mark. It shares the CPU-side work (projection, the
// engine's layers) with the WebGL2 path, so the two differ only in how the pixels are drawn.
import {
  createView,
  linearToSrgb,
  markLayout,
  type Placement,
  previewLayers,
  type RenderOptions,
  renderSkinBase,
  skinLinearRgb,
} from '@stipple/engine'

let skinKey = ''
let skin: ImageData | null = null
const _skin = new Float64Array(3)

export function drawDotsCanvas2d(ctx: CanvasRenderingContext2D, placement: Placement, options: RenderOptions): void {
  const { design } = placement
  const { width, height } = options
  const view = createView(placement.head, options.view, width, height)
  const key = JSON.stringify([design.seed, design.head, design.skin, options.view, width])
  if (key !== skinKey || skin === null) {
    skin = ctx.createImageData(width, height)
    renderSkinBase(design, view, skin)
    skinKey = key
  }
  const result = previewLayers(placement, options, view)
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '))
  ctx.putImageData(skin, 0, 0)
  const e = result.layers.ellipses
  skinLinearRgb(design.skin.fitzpatrick, _skin)
  const styles = new Map<number, string>()
  for (let i = 0; i < e.count; i++) {
    const ar = e.absorbR[i] ?? 0
    const ag = e.absorbG[i] ?? 0
    const ab = e.absorbB[i] ?? 0
    // the dot's colour: the bare skin darkened by its absorption, sRGB
    const r = Math.round(255 * linearToSrgb((_skin[0] ?? 0) * (1 - ar)))
    const g = Math.round(255 * linearToSrgb((_skin[1] ?? 0) * (1 - ag)))
    const b = Math.round(255 * linearToSrgb((_skin[2] ?? 0) * (1 - ab)))
    const k = (r << 16) | (g << 8) | b
    let style = styles.get(k)
    if (style === undefined) {
      style = `rgb(${r},${g},${b})`
      styles.set(k, style)
    }
    const radius = (e.rMinor[i] ?? 0) * Math.sqrt(e.ratio[i] ?? 1)
    ctx.fillStyle = style
    ctx.beginPath()
    ctx.arc(e.cx[i] ?? 0, e.cy[i] ?? 0, radius, 0, 2 * Math.PI)
    ctx.fill()
  }
  const m = markLayout(width, height)
  ctx.fillStyle = 'rgba(0,0,0,0.65)'
  ctx.fillRect(m.x, m.y, m.w, m.h)
  ctx.fillStyle = '#fff'
  ctx.font = `${7 * m.scale}px sans-serif`
  ctx.textBaseline = 'top'
  ctx.fillText('Simulated', m.x + 2 * m.scale, m.y + 2 * m.scale)
}
