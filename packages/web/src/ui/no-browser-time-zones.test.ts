// The browser never decides a wall-clock time: screens show the server's `…Local` values and calendar dates through
// `ui/format.ts`, and nothing in the web app converts an instant with the browser's own time-zone data.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '..')
const FORMAT = join(SRC, 'ui', 'format.ts')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : []
  })
}

/** Ways of turning an instant into a wall-clock date or time in the browser. */
const CONVERTING = [
  { name: 'a timeZone option', pattern: /\btimeZone\s*:\s*(?!string\b)\S/ },
  { name: 'Intl.DateTimeFormat', pattern: /\bIntl\s*\.\s*DateTimeFormat\b/ },
  { name: 'toLocaleDateString/toLocaleTimeString', pattern: /\.toLocale(?:Date|Time)String\(/ },
  // numbers may be grouped ('12,400'); a date's toLocaleString() is a zone conversion
  { name: "toLocaleString (other than a number's toLocaleString('en'))", pattern: /\.toLocaleString\((?!'en'\))/ },
  { name: 'a date-formatting helper other than formatLocal*', pattern: /\bformatDate(?:Time)?\(|\btodayIn\(/ },
]

describe('no screen converts an instant with the browser time zone', () => {
  it('keeps every zone-aware formatter out of the web source outside ui/format.ts', () => {
    const found: string[] = []
    for (const file of sources(SRC)) {
      if (file === FORMAT) continue
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const c of CONVERTING) {
            if (c.pattern.test(line)) found.push(`${relative(SRC, file)}:${i + 1} uses ${c.name}: ${line.trim()}`)
          }
        })
    }
    expect(found).toEqual([])
  })

  it('formats in ui/format.ts only values the server gave: calendar dates and wall-clock times, read as UTC', () => {
    const text = readFileSync(FORMAT, 'utf8')
    const formatters = [...text.matchAll(/new Intl\.DateTimeFormat\(([^)]*?\{[\s\S]*?\})\)/g)].map((m) => m[1] ?? '')
    expect(formatters.length).toBeGreaterThan(0)
    for (const options of formatters) expect(options).toContain("timeZone: 'UTC'")
    // every Date it builds is a calendar date at noon UTC or a wall-clock time on a fixed UTC day: never an instant
    const dates = [...text.matchAll(/new Date\(([^\n]*)/g)].map((m) => m[1] ?? '')
    expect(dates.length).toBeGreaterThan(0)
    for (const arg of dates) expect(arg).toMatch(/T12:00:00Z|Date\.UTC\(/)
    expect(text).not.toMatch(/export function (formatDate|formatDateTime|todayIn)\b/)
  })
})
