// Picking the close-up's centre: a click on the preview, as a chart point (null off the scalp).
import { unprojectPixel, type View } from '@stipple/engine'

export function CloseUpPick(props: { view: View; size: number; onPick(at: { u: number; v: number } | null): void }) {
  const { view, size } = props
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer pick on the image; the keyboard way is the chart coordinates of `stipple render --closeup`
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above
    <div
      className="studio-picking"
      style={{ position: 'absolute', inset: 0, cursor: 'crosshair' }}
      data-testid="closeup-pick"
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect()
        const px = ((e.clientX - r.left) / r.width) * size
        const py = ((e.clientY - r.top) / r.height) * size
        props.onPick(unprojectPixel(view, px, py))
      }}
    />
  )
}
