// The panels' labelled native inputs: a slider with its value, and a typed number within limits.
import { useId, useState } from 'react'

export function Slider(props: {
  label: string
  value: number
  min: number
  max: number
  step: number
  unit?: string
  disabled?: boolean
  onChange(value: number, done: boolean): void
}) {
  const id = useId()
  return (
    <div className="studio-field">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{`${formatNumber(props.value)}${props.unit ?? ''}`}</output>
      </label>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.currentTarget.value), false)}
        onPointerUp={(e) => props.onChange(Number(e.currentTarget.value), true)}
        onKeyUp={(e) => props.onChange(Number(e.currentTarget.value), true)}
      />
    </div>
  )
}

/**
 * A typed number within limits: each valid value applies at once (resting, like a slider) and leaving the field
 * settles it as one step; a value outside the limits is shown as such and not applied.
 */
export function NumberField(props: {
  label: string
  value: number
  min: number
  max: number
  step: number
  integer?: boolean
  onChange(value: number, done: boolean): void
}) {
  const id = useId()
  const [text, setText] = useState<string | null>(null)
  const shown = text ?? String(props.value)
  const parsed = Number(shown)
  const valid =
    shown.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= props.min &&
    parsed <= props.max &&
    (!props.integer || Number.isInteger(parsed))
  return (
    <div className="studio-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode={props.integer ? 'numeric' : 'decimal'}
        min={props.min}
        max={props.max}
        step={props.step}
        value={shown}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => {
          const t = e.currentTarget.value
          setText(t)
          const v = Number(t)
          if (t.trim() !== '' && v >= props.min && v <= props.max && (!props.integer || Number.isInteger(v)))
            props.onChange(v, false)
        }}
        onBlur={() => {
          if (valid) props.onChange(parsed, true)
          setText(null)
        }}
      />
      {!valid && (
        <span id={`${id}-error`} className="studio-problems">
          {props.integer ? 'A whole number' : 'A number'} from {props.min} to {props.max}.
        </span>
      )}
    </div>
  )
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(x < 1 ? 2 : 1)
}
