// Before and after, one over the other: the slider (a labelled range input, so keys and touch both work) reveals the
// after photo from the left.
import { useId, useState } from 'react'

export function CompareSlider(props: {
  before: { src: string; label: string }
  after: { src: string; label: string }
}) {
  const [split, setSplit] = useState(50)
  const id = useId()
  return (
    <figure className="compare">
      <div className="compare-frame">
        <img src={props.before.src} alt={props.before.label} className="compare-img" />
        <div className="compare-after" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}>
          <img src={props.after.src} alt={props.after.label} className="compare-img" />
        </div>
        <div className="compare-line" style={{ left: `${split}%` }} aria-hidden="true" />
      </div>
      <label htmlFor={id} className="compare-label">
        Show more of the after photo ({props.after.label}) or the before photo ({props.before.label})
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        value={split}
        onChange={(e) => setSplit(Number(e.target.value))}
        className="compare-range"
      />
    </figure>
  )
}
