// Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so that a date never shifts with the machine's time zone.

const DAY_MS = 86_400_000

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Epoch ms of a valid ISO date at 00:00 UTC, or undefined for anything else (2026-02-30 included). */
function parse(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = Date.UTC(y, mo - 1, d)
  const back = new Date(t)
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t : undefined
}

export function isIsoDate(text: string): boolean {
  return parse(text) !== undefined
}

function format(t: number): string {
  return new Date(t).toISOString().slice(0, 10)
}

function must(iso: string): number {
  const t = parse(iso)
  if (t === undefined) throw new Error(`not a calendar date: ${JSON.stringify(iso)}`)
  return t
}

export function addDays(iso: string, days: number): string {
  return format(must(iso) + days * DAY_MS)
}

/** Calendar months later; a day the month lacks moves to its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(must(iso))
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay))
  return format(target.getTime())
}

export function laterOf(a: string, b: string): string {
  return a >= b ? a : b
}
