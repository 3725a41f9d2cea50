// A panel beside the calendar that opens where the eye is: fixed at the side of the screen (never below the fold),
// focus moves to its heading, Escape or Close shuts it and gives focus back to what opened it. And the toast: every
// status message is announced (aria-live) and shown at the bottom of the screen (clear of the header), focused when no panel holds the eye.
import { type ReactNode, useEffect, useRef } from 'react'

export function SidePanel(props: { title: string; titleId: string; onClose: () => void; children: ReactNode }) {
  const { onClose } = props
  const heading = useRef<HTMLHeadingElement>(null)
  const opener = useRef<Element | null>(null)
  useEffect(() => {
    opener.current = document.activeElement
    heading.current?.focus()
    return () => {
      const back = opener.current
      // back to what opened it, if it is still on the page
      if (back instanceof HTMLElement && back.isConnected) back.focus()
    }
  }, [])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault()
        onClose()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [onClose])
  return (
    <section className="side-panel" role="dialog" aria-modal="false" aria-labelledby={props.titleId}>
      <div className="side-panel-head">
        <h2 id={props.titleId} ref={heading} tabIndex={-1}>
          {props.title}
        </h2>
        <button type="button" className="button button-secondary" onClick={onClose} aria-label="Close the panel">
          Close
        </button>
      </div>
      {props.children}
    </section>
  )
}

export interface ToastMessage {
  ok: boolean
  text: string
  /** Bumped for each new message, so the same words twice are announced twice. */
  id: number
}

/** The page's one live region for what just happened; takes focus when `focus` says no panel holds it. */
export function Toast(props: { message: ToastMessage | null; focus: boolean; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null)
  const { message, focus } = props
  useEffect(() => {
    if (message !== null && focus) box.current?.focus()
  }, [message, focus])
  return (
    <div
      ref={box}
      tabIndex={-1}
      aria-live={message?.ok === false ? 'assertive' : 'polite'}
      role={message?.ok === false ? 'alert' : 'status'}
      className={message === null ? 'sr-only' : `toast notice ${message.ok ? 'notice-ok' : 'notice-error'}`}
    >
      {message === null ? null : (
        <>
          <span>{message.text}</span>
          <button type="button" className="button button-secondary toast-dismiss" onClick={props.onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  )
}
