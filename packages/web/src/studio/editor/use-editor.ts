// The editor for React: one store for the page's design, its state read with useSyncExternalStore, and the page's
// keys (undo, redo, the drawing's Enter, Escape and Backspace) handed to it.
import { useEffect, useSyncExternalStore } from 'react'
import type { EditorState, EditorStore } from './store.ts'

export function useEditorState(editor: EditorStore): EditorState {
  return useSyncExternalStore(editor.subscribe, editor.getState)
}

/** Hands the window's keys to the editor; a key it takes does nothing else. */
export function useEditorKeys(editor: EditorStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null
      const handled = editor.keyDown({
        key: e.key,
        shiftKey: e.shiftKey,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        ...(t?.tagName === undefined ? {} : { targetTag: t.tagName }),
        ...(t instanceof HTMLInputElement ? { targetType: t.type } : {}),
      })
      if (handled) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [editor])
}
