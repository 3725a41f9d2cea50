import { toDesign } from '@stipple/domain'
import {
  EVENNESS_CELL_MM,
  FRINGE_BAND_MM,
  INSPECT_PX_PER_MM,
  type InspectReport,
  inspectDesign,
  placeDots,
} from '@stipple/engine'
import { parseCommandArgs } from '../args.ts'
import type { Command, Io } from '../command.ts'
import { fileProblems, readDesignFile } from '../design-file.ts'
import { ExitCode, InputError, type InputProblem } from '../errors.ts'

/** The ΔE2000 at or below which the treated area reads as the client's fringe side by side (DOMAIN §13.1 row 4). */
const FRINGE_MATCH_DELTA_E = 3

function wholeNumber(name: string, text: string | undefined, problems: InputProblem[]): number | undefined {
  if (text === undefined) return undefined
  if (/^[0-9]{1,3}$/.test(text)) return Number(text)
  problems.push({ path: name, message: `expected a whole number, got ${JSON.stringify(text)}` })
  return undefined
}

function writeTable(io: Io, file: string, r: InspectReport): void {
  const out: string[] = []
  const when =
    r.stage === 'fresh' ? 'the day after' : r.years > 0 ? `${r.years} years after healing from` : 'healed after'
  out.push(`${file}: ${when} session ${r.session} (simulated)`)
  out.push('')
  const f = r.fringeMatch
  if (f === null) out.push('Fringe match    no border between treated area and remaining hair to compare')
  else {
    const verdict = f.deltaE2000 <= FRINGE_MATCH_DELTA_E ? 'matches' : 'does not match'
    out.push(
      `Fringe match    ΔE2000 ${f.deltaE2000.toFixed(2)}: ${verdict} the fringe (≤ ${FRINGE_MATCH_DELTA_E}; bands of ${FRINGE_BAND_MM} mm each side, seen at ${INSPECT_PX_PER_MM} px/mm)`
    )
    out.push(`                treated L*a*b* ${f.treatedLab.join(' ')} over ${f.treatedBandCm2} cm²`)
    out.push(`                fringe  L*a*b* ${f.fringeLab.join(' ')} over ${f.fringeBandCm2} cm²`)
  }
  const e = r.evenness
  const cv = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} %`)
  out.push(
    `Evenness        L* varies ${cv(e.treatedCvPercent)} over ${EVENNESS_CELL_MM} mm cells in the treated area, ${cv(e.fringeCvPercent)} in the fringe`
  )
  out.push(
    `Dots            ${r.dots.total.toLocaleString('en-US')} in all; ${r.dots.shown.toLocaleString('en-US')} shown; per session ${r.dots.perSession.map((n) => n.toLocaleString('en-US')).join(' / ')}`
  )
  const d = r.dotDiameterMm
  out.push(
    d === null
      ? 'Dot diameter    no dots shown'
      : `Dot diameter    ${d.p50.toFixed(3)} mm median (5 % ${d.p5.toFixed(3)}, 25 % ${d.p25.toFixed(3)}, 75 % ${d.p75.toFixed(3)}, 95 % ${d.p95.toFixed(3)})`
  )
  out.push('')
  const header = ['Zone', 'Kind', 'Area cm²', 'Dots', 'Dots/cm²', 'Coverage %']
  const rows = [header]
  for (const z of r.zones)
    rows.push([
      z.id,
      z.kind,
      z.areaCm2.toFixed(1),
      String(z.dots),
      z.dotsPerCm2.toFixed(1),
      z.coveragePercent.toFixed(2),
    ])
  const widths = header.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)))
  for (const row of rows)
    out.push(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '))
  io.stdout(`${out.join('\n')}\n`)
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: "what a design's preview promises, in numbers: fringe match, evenness, dots, dot sizes, coverage per zone",
  usage: 'inspect DESIGN.json [--session N] [--stage fresh|healed] [--years Y] [--json]',
  run(args, { io }) {
    const { values, positionals } = parseCommandArgs(
      'inspect',
      args,
      { session: { type: 'string' }, stage: { type: 'string' }, years: { type: 'string' }, json: { type: 'boolean' } },
      1
    )
    const problems: InputProblem[] = []
    const [file] = positionals
    if (file === undefined) problems.push({ path: 'DESIGN.json', message: 'required: the design file to inspect' })
    const session = wholeNumber('--session', values.session, problems)
    const stage = values.stage ?? 'healed'
    if (stage !== 'fresh' && stage !== 'healed')
      problems.push({ path: '--stage', message: `expected fresh or healed, got ${JSON.stringify(stage)}` })
    let years = 0
    if (values.years !== undefined) {
      years = /^[0-9]{1,2}(\.[0-9]{1,2})?$/.test(values.years) ? Number(values.years) : Number.NaN
      if (Number.isNaN(years))
        problems.push({
          path: '--years',
          message: `expected a number of years like 2 or 2.5, got ${JSON.stringify(values.years)}`,
        })
    }
    if (problems.length > 0 || file === undefined) throw new InputError(problems)
    const design = toDesign(readDesignFile(file))
    const p = placeDots(design)
    if (!p.ok) throw new InputError(fileProblems(file, p.issues))
    const result = inspectDesign(design, p, {
      stage: stage === 'fresh' ? 'fresh' : 'healed',
      years,
      ...(session === undefined ? {} : { session }),
    })
    if (!result.ok) throw new InputError(result.issues.map((i) => ({ path: `--${i.path}`, message: i.message })))
    if (values.json === true) io.stdout(`${JSON.stringify(result.report, null, 2)}\n`)
    else writeTable(io, file, result.report)
    return ExitCode.ok
  },
}
