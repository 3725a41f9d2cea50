import { toDesign } from '@stipple/domain'
import {
  EVENNESS_MARGIN,
  FRINGE_MATCH_LIMIT,
  type InspectionReport,
  inspectPlacement,
  MEASURE_PX_PER_MM,
  placeDots,
} from '@stipple/engine'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { fileProblems, readDesignFile } from '../design-file.ts'
import { ExitCode, InputError, type InputProblem } from '../errors.ts'
import { integerOption, optionProblems, stageOption, yearsOption } from '../render-args.ts'

const num = (v: number, digits = 2) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const count = (v: number) => v.toLocaleString('en-US')

/** Whether the treated area is as even as the fringe at the 5 mm scale, in words. */
function evennessWords(r: InspectionReport): string {
  const { treated, fringe } = r.evenness
  if (treated === null) return 'the treated area is too small or too narrow to judge its evenness'
  const t = `treated ${num(treated.neighbourL)} side by side, ${num(treated.sdL)} overall (${count(treated.cells)} cells)`
  if (fringe === null) return `${t}; no fringe to compare with`
  const f = `fringe ${num(fringe.neighbourL)} and ${num(fringe.sdL)} (${count(fringe.cells)} cells)`
  const even = treated.neighbourL <= fringe.neighbourL + EVENNESS_MARGIN && treated.sdL <= fringe.sdL + EVENNESS_MARGIN
  return `${t}; ${f}: ${even ? 'as even as the fringe' : 'patchier than the fringe'}`
}

function humanReport(file: string, r: InspectionReport, sessions: number): string {
  const when =
    r.stage === 'fresh'
      ? `the day after session ${r.session} of ${sessions}`
      : `healed after session ${r.session} of ${sessions}${r.years > 0 ? `, ${num(r.years, 1)} years on` : ''}`
  const lines = [`${file}: ${when} (simulated; measured on the flat chart at ${MEASURE_PX_PER_MM} px/mm)`, '']
  const fm = r.fringeMatch
  if (fm.kind === 'measured') {
    const ok = fm.deltaE2000 <= FRINGE_MATCH_LIMIT
    lines.push(
      `Fringe match: ΔE2000 ${num(fm.deltaE2000)}, ${fm.reading} (${ok ? 'within' : 'beyond'} the ${FRINGE_MATCH_LIMIT} the preview aims for)`,
      `  treated, within 10 mm inside the border (${num(fm.treated.areaCm2, 1)} cm²): L* ${num(fm.treated.lab[0], 1)}  a* ${num(fm.treated.lab[1], 1)}  b* ${num(fm.treated.lab[2], 1)}`,
      `  fringe, within 10 mm past it (${num(fm.fringe.areaCm2, 1)} cm²):         L* ${num(fm.fringe.lab[0], 1)}  a* ${num(fm.fringe.lab[1], 1)}  b* ${num(fm.fringe.lab[2], 1)}`
    )
  } else lines.push(`Fringe match: ${fm.reading}`)
  if (r.hairClipped)
    lines.push(
      '  (the long hair measured as if clipped to buzz length: the pigment is matched to the hair at its roots)'
    )
  lines.push(`Evenness (L* over 5 mm squares): ${evennessWords(r)}`, '')
  const perSession = r.dots.bySession.map((n, i) => `session ${i + 1}: ${count(n)}`).join(', ')
  lines.push(
    `Dots: ${count(r.dots.total)} in all (${perSession}); ${count(r.dots.shown)} shown${r.dots.shown < r.dots.total ? ` after session ${r.session}` : ''}`
  )
  const d = r.diameterMm
  if (d !== null)
    lines.push(
      `Dot size as seen${r.stage === 'fresh' ? ' (fresh, before healing)' : ''}: median ${num(d.median)} mm, 10 % below ${num(d.p10)} mm, 10 % above ${num(d.p90)} mm`
    )
  if (r.zones.length > 0) {
    const w = Math.max(4, ...r.zones.map((z) => z.zone.length))
    lines.push(
      '',
      `${'zone'.padEnd(w)}  ${'dots'.padStart(9)}  ${'area'.padStart(10)}  ${'skin darkened'.padStart(13)}`
    )
    for (const z of r.zones)
      lines.push(
        `${z.zone.padEnd(w)}  ${count(z.dots).padStart(9)}  ${`${num(z.areaCm2, 1)} cm²`.padStart(10)}  ${`${num(100 * z.coverage, 1)} %`.padStart(13)}`
      )
  }
  return `${lines.join('\n')}\n`
}

/** Numbers rounded for JSON: 4 decimals (ΔE, L*, mm and shares need no more). */
function rounded(report: InspectionReport): unknown {
  return JSON.parse(JSON.stringify(report, (_, v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)))
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary:
    'what the preview promises, in numbers: the fringe match (ΔE2000), evenness, dot counts, dot sizes and coverage per zone',
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
    const session = integerOption('--session', values.session, problems)
    const stage = stageOption(values.stage, problems)
    const years = yearsOption(values.years, problems)
    if (problems.length > 0 || file === undefined) throw new InputError(problems)
    const doc = readDesignFile(file)
    const placed = placeDots(toDesign(doc))
    if (!placed.ok) throw new InputError(fileProblems(file, placed.issues))
    const result = inspectPlacement(placed, { stage, years, ...(session === undefined ? {} : { session }) })
    if (!result.ok) throw new InputError(optionProblems(result.issues))
    if (values.json)
      io.stdout(`${JSON.stringify({ file, simulated: true, ...(rounded(result.report) as object) }, null, 2)}\n`)
    else io.stdout(humanReport(file, result.report, doc.sessions.length))
    return ExitCode.ok
  },
}
