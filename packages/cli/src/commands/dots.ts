import { toDesign } from '@stipple/domain'
import { type DotBuffer, placeDots } from '@stipple/engine'
import { parseCommandArgs } from '../args.ts'
import type { Command, Io } from '../command.ts'
import { fileProblems, readDesignFile } from '../design-file.ts'
import { ExitCode, InputError } from '../errors.ts'

/** DotBuffer zone index of scar fill placed outside every zone. */
const NO_ZONE = 255
/** Rows per stdout write, so a million-dot CSV never becomes one giant string. */
const CHUNK = 10_000

const round = (v: number, digits: number) => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

function writeCsv(io: Io, dots: DotBuffer, zoneIds: readonly string[]): void {
  io.stdout('x_mm,y_mm,diameter_mm,shade,session,zone\n')
  for (let start = 0; start < dots.count; start += CHUNK) {
    const end = Math.min(dots.count, start + CHUNK)
    let out = ''
    for (let i = start; i < end; i++) {
      const z = dots.zone[i] ?? NO_ZONE
      const zone = z === NO_ZONE ? '' : (zoneIds[z] ?? '')
      const x = round(dots.x[i] ?? 0, 3)
      const y = round(dots.y[i] ?? 0, 3)
      out += `${x},${y},${round(dots.diameter[i] ?? 0, 4)},${dots.shade[i] ?? 0},${(dots.session[i] ?? 0) + 1},${zone}\n`
    }
    io.stdout(out)
  }
}

function writeJson(io: Io, dots: DotBuffer, sessionCounts: readonly number[], zoneIds: readonly string[]): void {
  const n = dots.count
  const zone = Array.from(dots.zone, (z) => (z === NO_ZONE ? null : (zoneIds[z] ?? null)))
  const body = {
    count: n,
    sessionCounts,
    dots: {
      x: Array.from(dots.x, (v) => round(v, 3)),
      y: Array.from(dots.y, (v) => round(v, 3)),
      diameter: Array.from(dots.diameter, (v) => round(v, 4)),
      shade: Array.from(dots.shade),
      session: Array.from(dots.session, (s) => s + 1),
      zone,
    },
  }
  io.stdout(`${JSON.stringify(body)}\n`)
}

function writeSummary(
  io: Io,
  file: string,
  dots: DotBuffer,
  sessions: number,
  zones: readonly { id: string; kind: string }[]
): void {
  // counts[row][session]: one row per zone plus one for scar fill outside every zone
  const counts = Array.from({ length: zones.length + 1 }, () => new Array<number>(sessions).fill(0))
  const row = (i: number): number[] => counts[i] ?? []
  for (let i = 0; i < dots.count; i++) {
    const z = dots.zone[i] ?? NO_ZONE
    const cells = row(z === NO_ZONE || z >= zones.length ? zones.length : z)
    const s = dots.session[i] ?? 0
    cells[s] = (cells[s] ?? 0) + 1
  }
  const rows: { label: string; cells: number[] }[] = zones.map((z, i) => ({
    label: z.id === z.kind ? z.id : `${z.id} (${z.kind})`,
    cells: row(i),
  }))
  const fill = row(zones.length)
  if (fill.some((c) => c > 0)) rows.push({ label: '(scar fill outside zones)', cells: fill })
  const totals = Array.from({ length: sessions }, (_, s) => rows.reduce((a, r) => a + (r.cells[s] ?? 0), 0))
  rows.push({ label: 'total', cells: totals })
  const width = Math.max(4, ...rows.map((r) => r.label.length))
  const header = ['zone'.padEnd(width), ...totals.map((_, s) => `session ${s + 1}`.padStart(10)), 'total'.padStart(10)]
  const lines = [
    `${file}: ${dots.count.toLocaleString('en-US')} dots in ${sessions} session${sessions === 1 ? '' : 's'}`,
    '',
    header.join('  '),
  ]
  for (const r of rows) {
    const sum = r.cells.reduce((a, c) => a + c, 0)
    lines.push(
      [r.label.padEnd(width), ...r.cells.map((c) => String(c).padStart(10)), String(sum).padStart(10)].join('  ')
    )
  }
  io.stdout(`${lines.join('\n')}\n`)
}

export const dotsCommand: Command = {
  name: 'dots',
  summary: 'place the dots of a design and print a summary, or every dot as CSV or JSON',
  usage: 'dots DESIGN.json [--json|--csv]',
  run(args, { io }) {
    const { values, positionals } = parseCommandArgs(
      'dots',
      args,
      { json: { type: 'boolean' }, csv: { type: 'boolean' } },
      1
    )
    const [file] = positionals
    if (file === undefined)
      throw new InputError([{ path: 'DESIGN.json', message: 'required: the design file to place' }])
    if (values.json && values.csv) throw new InputError([{ path: '--csv', message: 'cannot be combined with --json' }])
    const doc = readDesignFile(file)
    const result = placeDots(toDesign(doc))
    if (!result.ok) throw new InputError(fileProblems(file, result.issues))
    const zoneIds = doc.zones.map((z) => z.id)
    if (values.csv) writeCsv(io, result.dots, zoneIds)
    else if (values.json) writeJson(io, result.dots, result.sessionCounts, zoneIds)
    else writeSummary(io, file, result.dots, doc.sessions.length, doc.zones)
    return ExitCode.ok
  },
}
