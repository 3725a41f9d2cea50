// Tabs with the ARIA tabs pattern (arrow keys move between tabs); the chosen tab is kept in the address (?tab=).
import { type KeyboardEvent, type ReactNode, useRef } from 'react'
import { useSearchParams } from 'react-router'

export interface Tab {
  id: string
  label: string
  render: () => ReactNode
}

export function Tabs({ tabs, label }: { tabs: readonly Tab[]; label: string }) {
  const [params, setParams] = useSearchParams()
  const current = tabs.find((t) => t.id === params.get('tab')) ?? tabs[0]
  const refs = useRef<Record<string, HTMLButtonElement | null>>({})
  const select = (id: string, focus = false) => {
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        next.set('tab', id)
        return next
      },
      { replace: true }
    )
    if (focus) refs.current[id]?.focus()
  }
  const onKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    e.preventDefault()
    const next = tabs[(index + step + tabs.length) % tabs.length]
    if (next !== undefined) select(next.id, true)
  }
  if (current === undefined) return null
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`} className="tab-panel">
        {current.render()}
      </div>
    </div>
  )
}
