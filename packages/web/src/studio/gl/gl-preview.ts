// The studio's WebGL2 preview: the engine's raster passes (skin and diffuse tone, dots as point sprites with analytic
// elliptical coverage, hair stubble, the "Simulated" mark) on the GPU, from the same inputs renderPreview uses
// (`previewLayers`). The mark is drawn into the canvas itself, so every screenshot and export carries it.
// Three passes a frame: the dots' transmission into one target's rgb, the hair (each mark its own colour and opacity)
// composited over in premultiplied linear light into a second target, and one full-screen composite to the canvas
// (skin × tone × dots, hair over it, encoding, mark). SwiftShader (headless Chromium) spends about 20 ms on a
// full-screen pass at 1024², so the skin is not a pass of its own.
// Point sprites rather than instanced quads: SwiftShader (headless Chromium) sets up a point several times faster
// than two triangles, which took the dot pass of a 27k-dot frame from about 1.3 s to about 0.15 s on this machine.
import { forEachMarkPixel, markLayout, type PreviewLayers, type RgbaTarget, type View } from '@stipple/engine'
import { DOT_FS, DOT_VS, FULLSCREEN_VS, HAIR_FS, HAIR_VS, PRESENT_FS } from './shaders.ts'

/** A rectangle of pixels from the top left: [x0, x1) × [y0, y1). */
export interface PixelRect {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface GlPreview {
  readonly canvas: HTMLCanvasElement
  readonly width: number
  readonly height: number
  /** Uploads the untoned skin of `view` (renderSkinBase's output); needed again only when the view or skin changes. */
  setSkin(view: View, skin: RgbaTarget): void
  /**
   * Draws `after` (and `before` left of `split` px) into the canvas, marked "Simulated". With `regions` (px, from the
   * top left), only those rectangles are drawn again: the caller vouches that nothing outside them differs from the
   * last frame, whose pixels the canvas keeps. Each is drawn whole (its layers cleared and every dot and hair that
   * reaches it drawn), so overlapping rectangles come out the same as one.
   */
  draw(after: PreviewLayers, before?: { layers: PreviewLayers; split: number }, regions?: readonly PixelRect[]): void
  /** The canvas's pixels, RGBA rows from the top (call right after draw). */
  readPixels(): Uint8Array
  dispose(): void
}

function compile(gl: WebGL2RenderingContext, vs: string, fs: string): WebGLProgram {
  const program = gl.createProgram()
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vs],
    [gl.FRAGMENT_SHADER, fs],
  ] as const) {
    const shader = gl.createShader(type)
    if (shader === null) throw new Error('WebGL2: cannot create a shader')
    gl.shaderSource(shader, source)
    gl.compileShader(shader)
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS))
      throw new Error(`WebGL2 shader: ${gl.getShaderInfoLog(shader) ?? 'does not compile'}`)
    gl.attachShader(program, shader)
  }
  gl.linkProgram(program)
  if (!gl.getProgramParameter(program, gl.LINK_STATUS))
    throw new Error(`WebGL2 program: ${gl.getProgramInfoLog(program) ?? 'does not link'}`)
  return program
}

interface Target {
  texture: WebGLTexture
  framebuffer: WebGLFramebuffer
}

/**
 * A linear-light render target: RGBA16F where the browser can render to it (SwiftShader blends into sRGB8 targets
 * several times slower), else SRGB8_ALPHA8, which blends in linear light and stores sRGB bytes.
 */
function linearTarget(gl: WebGL2RenderingContext, width: number, height: number, float: boolean): Target {
  const texture = gl.createTexture()
  gl.bindTexture(gl.TEXTURE_2D, texture)
  gl.texStorage2D(gl.TEXTURE_2D, 1, float ? gl.RGBA16F : gl.SRGB8_ALPHA8, width, height)
  nearest(gl)
  const framebuffer = gl.createFramebuffer()
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer)
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0)
  if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE)
    throw new Error('WebGL2: no linear-light render target here')
  return { texture, framebuffer }
}

function nearest(gl: WebGL2RenderingContext): void {
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST)
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST)
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE)
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE)
}

const DOT_FLOATS = 10
const HAIR_FLOATS = 11

/** A WebGL2 preview drawing into `canvas` at width × height px; null when the browser gives no WebGL2. */
export function createGlPreview(canvas: HTMLCanvasElement, width: number, height: number): GlPreview | null {
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('webgl2', {
    antialias: false,
    alpha: false,
    depth: false,
    stencil: false,
    premultipliedAlpha: false,
    // exports and screenshots read the canvas after the frame
    preserveDrawingBuffer: true,
  })
  if (context === null) return null
  const gl: WebGL2RenderingContext = context
  // gl.useProgram under a name the React hooks lint does not mistake for a hook
  const bindProgram = gl.useProgram.bind(gl)
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1)
  gl.pixelStorei(gl.PACK_ALIGNMENT, 1)
  const dotProgram = compile(gl, DOT_VS, DOT_FS)
  const hairProgram = compile(gl, HAIR_VS, HAIR_FS)
  const presentProgram = compile(gl, FULLSCREEN_VS, PRESENT_FS)
  const float = gl.getExtension('EXT_color_buffer_float') !== null
  const layersTarget = linearTarget(gl, width, height, float)
  const hairTarget = linearTarget(gl, width, height, float)
  const empty = gl.createVertexArray()

  const skinTexture = gl.createTexture()
  gl.bindTexture(gl.TEXTURE_2D, skinTexture)
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.SRGB8_ALPHA8, width, height)
  nearest(gl)
  const toneTexture = (): WebGLTexture => {
    const t = gl.createTexture()
    gl.bindTexture(gl.TEXTURE_2D, t)
    nearest(gl)
    // the texture unit interpolates the tone between its grid nodes
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR)
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR)
    return t
  }
  const toneAfter = toneTexture()
  const toneBefore = toneTexture()
  let toneSize = [0, 0]
  let toneData = new Uint8Array(0)

  // the mark's text as a mask over its plate
  const plate = markLayout(width, height)
  const markTexture = gl.createTexture()
  {
    const mask = new Uint8Array(plate.w * plate.h)
    forEachMarkPixel(width, height, (x, y) => {
      mask[(y - plate.y) * plate.w + (x - plate.x)] = 255
    })
    gl.bindTexture(gl.TEXTURE_2D, markTexture)
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.R8, plate.w, plate.h, 0, gl.RED, gl.UNSIGNED_BYTE, mask)
    nearest(gl)
  }

  const dotVao = gl.createVertexArray()
  const dotBuffer = gl.createBuffer()
  gl.bindVertexArray(dotVao)
  gl.bindBuffer(gl.ARRAY_BUFFER, dotBuffer)
  const stride = DOT_FLOATS * 4
  const attrib = (loc: number, size: number, offset: number, s: number) => {
    gl.enableVertexAttribArray(loc)
    gl.vertexAttribPointer(loc, size, gl.FLOAT, false, s, offset * 4)
  }
  attrib(0, 2, 0, stride)
  attrib(1, 3, 2, stride)
  attrib(2, 2, 5, stride)
  attrib(3, 3, 7, stride)
  const hairVao = gl.createVertexArray()
  const hairBuffer = gl.createBuffer()
  gl.bindVertexArray(hairVao)
  gl.bindBuffer(gl.ARRAY_BUFFER, hairBuffer)
  attrib(0, 4, 0, HAIR_FLOATS * 4)
  attrib(1, 2, 4, HAIR_FLOATS * 4)
  attrib(2, 4, 6, HAIR_FLOATS * 4)
  attrib(3, 1, 10, HAIR_FLOATS * 4)
  gl.bindVertexArray(null)
  let dotData = new Float32Array(0)
  let hairData = new Float32Array(0)

  const u = (program: WebGLProgram, name: string) => gl.getUniformLocation(program, name)
  let skinView: View | null = null

  function uploadTone(texture: WebGLTexture, t: PreviewLayers['tone']): void {
    const n = t.gx * t.gy
    if (toneData.length < n * 4) toneData = new Uint8Array(n * 4)
    // transmission in bytes: an 8-bit step of it moves a skin byte by under a third of a step
    for (let i = 0; i < n; i++) {
      toneData[i * 4] = Math.round(255 * Math.exp(-(t.r[i] ?? 0)))
      toneData[i * 4 + 1] = Math.round(255 * Math.exp(-(t.g[i] ?? 0)))
      toneData[i * 4 + 2] = Math.round(255 * Math.exp(-(t.b[i] ?? 0)))
      toneData[i * 4 + 3] = 255
    }
    gl.bindTexture(gl.TEXTURE_2D, texture)
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, t.gx, t.gy, 0, gl.RGBA, gl.UNSIGNED_BYTE, toneData.subarray(0, n * 4))
    toneSize = [t.gx, t.gy]
  }

  /** The dots' transmission: white rgb multiplied by 1 − coverage·absorb per dot, in linear light; alpha untouched. */
  function drawDots(e: PreviewLayers['ellipses'], region: PixelRect | undefined): void {
    if (e.count === 0) return
    if (dotData.length < e.count * DOT_FLOATS) dotData = new Float32Array(e.count * DOT_FLOATS)
    let n = 0
    for (let i = 0; i < e.count; i++) {
      if (region !== undefined) {
        // the sprite's reach (DOT_VS: R·ratio + 0.5 px, R = r + w/2), one pixel more for safety
        const reach = ((e.rMinor[i] ?? 0) + Math.max(e.edge[i] ?? 1, 1) / 2) * (e.ratio[i] ?? 1) + 1.5
        const x = e.cx[i] ?? 0
        const y = e.cy[i] ?? 0
        if (x + reach < region.x0 || x - reach > region.x1 || y + reach < region.y0 || y - reach > region.y1) continue
      }
      const o = n++ * DOT_FLOATS
      dotData[o] = e.cx[i] ?? 0
      dotData[o + 1] = e.cy[i] ?? 0
      dotData[o + 2] = e.rMinor[i] ?? 0
      dotData[o + 3] = e.ratio[i] ?? 1
      dotData[o + 4] = e.edge[i] ?? 1
      dotData[o + 5] = e.ex[i] ?? 1
      dotData[o + 6] = e.ey[i] ?? 0
      dotData[o + 7] = e.absorbR[i] ?? 0
      dotData[o + 8] = e.absorbG[i] ?? 0
      dotData[o + 9] = e.absorbB[i] ?? 0
    }
    if (n === 0) return
    gl.enable(gl.BLEND)
    gl.blendFuncSeparate(gl.ZERO, gl.SRC_COLOR, gl.ZERO, gl.ONE)
    bindProgram(dotProgram)
    gl.uniform2f(u(dotProgram, 'u_size'), width, height)
    gl.bindVertexArray(dotVao)
    gl.bindBuffer(gl.ARRAY_BUFFER, dotBuffer)
    gl.bufferData(gl.ARRAY_BUFFER, dotData.subarray(0, n * DOT_FLOATS), gl.STREAM_DRAW)
    gl.drawArrays(gl.POINTS, 0, n)
    gl.disable(gl.BLEND)
  }

  /** The hair's marks, composited over in drawing order: premultiplied linear colour in rgb, coverage in alpha. */
  function drawHair(h: PreviewLayers['hair'], region: PixelRect | undefined): void {
    if (h.count === 0) return
    if (hairData.length < h.count * HAIR_FLOATS) hairData = new Float32Array(h.count * HAIR_FLOATS)
    let n = 0
    for (let i = 0; i < h.count; i++) {
      if (region !== undefined) {
        const reach = (h.hw[i] ?? 0) + Math.max(h.edge[i] ?? 1, 1) / 2 + 2
        const x0 = Math.min(h.ax[i] ?? 0, h.bx[i] ?? 0) - reach
        const x1 = Math.max(h.ax[i] ?? 0, h.bx[i] ?? 0) + reach
        const y0 = Math.min(h.ay[i] ?? 0, h.by[i] ?? 0) - reach
        const y1 = Math.max(h.ay[i] ?? 0, h.by[i] ?? 0) + reach
        if (x1 < region.x0 || x0 > region.x1 || y1 < region.y0 || y0 > region.y1) continue
      }
      const o = n++ * HAIR_FLOATS
      hairData[o] = h.ax[i] ?? 0
      hairData[o + 1] = h.ay[i] ?? 0
      hairData[o + 2] = h.bx[i] ?? 0
      hairData[o + 3] = h.by[i] ?? 0
      hairData[o + 4] = h.hw[i] ?? 0
      hairData[o + 5] = h.edge[i] ?? 1
      hairData[o + 6] = h.r[i] ?? 0
      hairData[o + 7] = h.g[i] ?? 0
      hairData[o + 8] = h.b[i] ?? 0
      hairData[o + 9] = h.a[i] ?? 0
      hairData[o + 10] = h.cap[i] ?? 1
    }
    if (n === 0) return
    gl.bindFramebuffer(gl.FRAMEBUFFER, hairTarget.framebuffer)
    gl.enable(gl.BLEND)
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA)
    bindProgram(hairProgram)
    gl.uniform2f(u(hairProgram, 'u_size'), width, height)
    gl.bindVertexArray(hairVao)
    gl.bindBuffer(gl.ARRAY_BUFFER, hairBuffer)
    gl.bufferData(gl.ARRAY_BUFFER, hairData.subarray(0, n * HAIR_FLOATS), gl.STREAM_DRAW)
    gl.drawArrays(gl.POINTS, 0, n)
    gl.disable(gl.BLEND)
  }

  /** The layers and the composite, within `region` (the scissor already set to it) or everywhere. */
  function drawRegion(after: PreviewLayers, split: number, region: PixelRect | undefined): void {
    gl.bindFramebuffer(gl.FRAMEBUFFER, layersTarget.framebuffer)
    gl.viewport(0, 0, width, height)
    gl.clearColor(1, 1, 1, 0)
    gl.clear(gl.COLOR_BUFFER_BIT)
    gl.bindFramebuffer(gl.FRAMEBUFFER, hairTarget.framebuffer)
    gl.clearColor(0, 0, 0, 0)
    gl.clear(gl.COLOR_BUFFER_BIT)
    gl.bindFramebuffer(gl.FRAMEBUFFER, layersTarget.framebuffer)
    drawDots(after.ellipses, region)
    drawHair(after.hair, region)
    composite(after, split)
  }

  function composite(after: PreviewLayers, split: number): void {
    const view = skinView
    if (view === null) throw new Error('GlPreview: setSkin before draw')
    gl.bindFramebuffer(gl.FRAMEBUFFER, null)
    gl.viewport(0, 0, width, height)
    bindProgram(presentProgram)
    const textures: [string, WebGLTexture][] = [
      ['u_skin', skinTexture],
      ['u_tone', toneAfter],
      ['u_toneBefore', toneBefore],
      ['u_layers', layersTarget.texture],
      ['u_hair', hairTarget.texture],
      ['u_mark', markTexture],
    ]
    for (const [unit, [name, texture]] of textures.entries()) {
      gl.activeTexture(gl.TEXTURE0 + unit)
      gl.bindTexture(gl.TEXTURE_2D, texture)
      gl.uniform1i(u(presentProgram, name), unit)
    }
    const p = presentProgram
    gl.uniform2f(u(p, 'u_size'), width, height)
    gl.uniform2f(u(p, 'u_toneSize'), toneSize[0] ?? 0, toneSize[1] ?? 0)
    gl.uniform1f(u(p, 'u_grid'), after.tone.grid)
    gl.uniform1f(u(p, 'u_split'), split)
    gl.uniform4f(u(p, 'u_plate'), plate.x, plate.y, plate.w, plate.h)
    gl.uniform1i(u(p, 'u_chart'), view.name === 'chart' ? 1 : 0)
    gl.uniform3f(u(p, 'u_eye'), view.eye[0], view.eye[1], view.eye[2])
    gl.uniform3f(u(p, 'u_right'), view.right[0], view.right[1], view.right[2])
    gl.uniform3f(u(p, 'u_up'), view.up[0], view.up[1], view.up[2])
    gl.uniform3f(u(p, 'u_forward'), view.forward[0], view.forward[1], view.forward[2])
    gl.uniform3f(u(p, 'u_abc'), view.head.a, view.head.b, view.head.c)
    gl.uniform3f(u(p, 'u_cam'), view.focal, view.cx, view.cy)
    gl.uniform1f(u(p, 'u_clipY'), view.clipY)
    gl.uniform4f(u(p, 'u_chartView'), view.cx, view.cy, view.chartScale, view.chartRadius)
    gl.bindVertexArray(empty)
    gl.drawArrays(gl.TRIANGLES, 0, 3)
    gl.bindVertexArray(null)
  }

  return {
    canvas,
    width,
    height,
    setSkin(view, skin) {
      if (skin.width !== width || skin.height !== height) throw new Error('GlPreview: the skin has the wrong size')
      skinView = view
      gl.bindTexture(gl.TEXTURE_2D, skinTexture)
      gl.texSubImage2D(
        gl.TEXTURE_2D,
        0,
        0,
        0,
        width,
        height,
        gl.RGBA,
        gl.UNSIGNED_BYTE,
        new Uint8Array(skin.data.buffer, skin.data.byteOffset, skin.data.byteLength)
      )
    },
    draw(afterLayers, beforeLayers, regions) {
      uploadTone(toneAfter, afterLayers.tone)
      // the before image has no dots and the same hair; only its tone differs (the hair's own)
      if (beforeLayers !== undefined) uploadTone(toneBefore, beforeLayers.layers.tone)
      const split = beforeLayers === undefined ? -1 : beforeLayers.split
      if (regions === undefined) {
        drawRegion(afterLayers, split, undefined)
        return
      }
      for (const region of regions) {
        const r = {
          x0: Math.max(0, Math.floor(region.x0)),
          y0: Math.max(0, Math.floor(region.y0)),
          x1: Math.min(width, Math.ceil(region.x1)),
          y1: Math.min(height, Math.ceil(region.y1)),
        }
        if (r.x1 <= r.x0 || r.y1 <= r.y0) continue
        // GL's rows run from the bottom
        gl.enable(gl.SCISSOR_TEST)
        gl.scissor(r.x0, height - r.y1, r.x1 - r.x0, r.y1 - r.y0)
        drawRegion(afterLayers, split, r)
        gl.disable(gl.SCISSOR_TEST)
      }
    },
    readPixels() {
      const out = new Uint8Array(width * height * 4)
      gl.bindFramebuffer(gl.FRAMEBUFFER, null)
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out)
      // GL rows run from the bottom
      const flipped = new Uint8Array(out.length)
      const row = width * 4
      for (let y = 0; y < height; y++) flipped.set(out.subarray((height - 1 - y) * row, (height - y) * row), y * row)
      return flipped
    },
    dispose() {
      gl.getExtension('WEBGL_lose_context')?.loseContext()
    },
  }
}
