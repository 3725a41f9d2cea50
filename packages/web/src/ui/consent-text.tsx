// A consent's text as the clinic wrote it, in light markdown: blank lines part paragraphs, lines starting "- " or "* "
// are a bulleted list, "1. " a numbered one, and "# " a heading. Shown exactly as written otherwise (no HTML).
import type { ReactNode } from 'react'

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] } | { kind: 'h'; text: string }

const BULLET = /^\s*[-*•]\s+(.*)$/
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/
const HEADING = /^#{1,4}\s+(.*)$/

/** The text's blocks: paragraphs, lists and headings, in order. */
export function consentBlocks(text: string): Block[] {
  const blocks: Block[] = []
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const last = blocks.at(-1)
    const bullet = BULLET.exec(line)
    const numbered = bullet === null ? NUMBERED.exec(line) : null
    const heading = HEADING.exec(line)
    if (line.trim() === '') {
      if (last !== undefined) blocks.push({ kind: 'p', lines: [] })
    } else if (bullet !== null || numbered !== null) {
      const kind = bullet !== null ? 'ul' : 'ol'
      const item = (bullet ?? numbered)?.[1] ?? ''
      if (last?.kind === kind) last.items.push(item)
      else blocks.push({ kind, items: [item] })
    } else if (heading !== null) {
      blocks.push({ kind: 'h', text: heading[1] ?? '' })
    } else if (last?.kind === 'p') {
      last.lines.push(line)
    } else if ((last?.kind === 'ul' || last?.kind === 'ol') && /^\s{2,}\S/.test(raw)) {
      // an indented line continues the list item above it
      last.items[last.items.length - 1] = `${last.items.at(-1) ?? ''} ${line.trim()}`
    } else {
      blocks.push({ kind: 'p', lines: [line] })
    }
  }
  return blocks.filter((b) => b.kind !== 'p' || b.lines.length > 0)
}

/** **bold** and *emphasis*, the only inline marks consent texts use. */
function inline(text: string): ReactNode[] {
  const parts = text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g)
  return parts.map((part, i) => {
    const key = `${i}-${part.length}`
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
      return <strong key={key}>{part.slice(2, -2)}</strong>
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={key}>{part.slice(1, -1)}</em>
    return part
  })
}

export function ConsentText({ text, className = 'consent-text' }: { text: string; className?: string }) {
  // a long text scrolls inside its box: focusable, so a keyboard (or a switch) can scroll it too
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the keyboard's focus to be read
    <section className={className} tabIndex={0} aria-label="Consent text">
      {consentBlocks(text).map((b, i) => {
        const key = `${b.kind}-${i}`
        if (b.kind === 'h') return <h3 key={key}>{inline(b.text)}</h3>
        if (b.kind === 'p') return <p key={key}>{inline(b.lines.join(' '))}</p>
        const seen = new Map<string, number>()
        const items = b.items.map((item) => {
          // the same item text twice in one list keeps two keys
          const n = (seen.get(item) ?? 0) + 1
          seen.set(item, n)
          return <li key={`${item}#${n}`}>{inline(item)}</li>
        })
        return b.kind === 'ul' ? <ul key={key}>{items}</ul> : <ol key={key}>{items}</ol>
      })}
    </section>
  )
}
