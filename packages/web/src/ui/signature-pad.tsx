// A signature drawn with a finger, pen or mouse on a canvas; the PNG (base64, no data: prefix) goes to the server.
import { type PointerEvent, useCallback, useEffect, useRef, useState } from 'react'

const WIDTH = 600
const HEIGHT = 200

export function SignaturePad({
  label,
  onChange,
  error,
}: {
  label: string
  onChange: (png: string | null) => void
  error?: string | undefined
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const drawing = useRef(false)
  const [empty, setEmpty] = useState(true)

  const context = useCallback(() => {
    const ctx = canvas.current?.getContext('2d') ?? null
    if (ctx !== null) {
      ctx.lineWidth = 3
      ctx.lineCap = 'round'
      ctx.lineJoin = 'round'
      ctx.strokeStyle = '#111'
    }
    return ctx
  }, [])
  useEffect(() => {
    const ctx = context()
    if (ctx === null) return
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, WIDTH, HEIGHT)
  }, [context])

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect()
    return { x: ((e.clientX - rect.left) * WIDTH) / rect.width, y: ((e.clientY - rect.top) * HEIGHT) / rect.height }
  }
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId)
    drawing.current = true
    const ctx = context()
    const p = point(e)
    ctx?.beginPath()
    ctx?.moveTo(p.x, p.y)
    ctx?.lineTo(p.x + 0.1, p.y + 0.1)
    ctx?.stroke()
  }
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return
    const ctx = context()
    const p = point(e)
    ctx?.lineTo(p.x, p.y)
    ctx?.stroke()
  }
  const up = () => {
    if (!drawing.current) return
    drawing.current = false
    setEmpty(false)
    onChange(canvas.current?.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') ?? null)
  }
  const clear = () => {
    const ctx = context()
    if (ctx === null) return
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, WIDTH, HEIGHT)
    setEmpty(true)
    onChange(null)
  }
  return (
    <div className={error === undefined ? 'field signature' : 'field signature field-invalid'}>
      <span className="label" id="signature-label">
        {label}
      </span>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        className="signature-canvas"
        role="img"
        aria-labelledby="signature-label"
        aria-describedby="signature-help"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <span id="signature-help" className="field-hint">
        Sign with your finger, a pen or the mouse. Typing your full name above also identifies you.
      </span>
      {error === undefined ? null : <span className="field-error">{error}</span>}
      <button type="button" className="button button-secondary" onClick={clear} disabled={empty}>
        Clear the signature
      </button>
    </div>
  )
}
