import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { type ConsultationResult, consult, formatDate, formatMoney, isIsoDate, parseIntake } from '@stipple/domain'
import { type Placement, type RenderOptions, renderPreview } from '@stipple/engine'
import sharp from 'sharp'
import { parseCommandArgs } from '../args.ts'
import { clientPdf, type PdfPreviews, type PreviewImage } from '../client-pdf.ts'
import type { Command } from '../command.ts'
import { fileProblems, readJsonFile } from '../design-file.ts'
import { ExitCode, InputError, type InputProblem } from '../errors.ts'

/** An intake is a few kilobytes; anything over a megabyte is refused before it is read. */
const MAX_INTAKE_BYTES = 1024 * 1024
const PREVIEW_PX = 768
const PREVIEW_YEARS = [0, 3, 6] as const
const PDF_IMAGE_PX = 420

interface OutFile {
  name: string
  data: Buffer | string
}

async function png(placed: Placement, options: RenderOptions): Promise<Buffer> {
  const target = {
    width: options.width,
    height: options.height,
    data: new Uint8ClampedArray(options.width * options.height * 4),
  }
  const r = renderPreview(placed, options, target)
  if (!r.ok) throw new Error(`preview: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
  return sharp(Buffer.from(target.data.buffer), { raw: { width: target.width, height: target.height, channels: 4 } })
    .png({ compressionLevel: 6 })
    .toBuffer()
}

/** Previews: each session healed (top), and the final result at years 0, 3 and 6 from the top and the front. */
async function previews(
  placed: Placement,
  result: ConsultationResult
): Promise<{ files: OutFile[]; pdf: PdfPreviews }> {
  const sessionDays = result.plan.sessions.map((s) => s.dayOffset)
  const base = { width: PREVIEW_PX, height: PREVIEW_PX, sessionDays, stage: 'healed' as const }
  const files: OutFile[] = []
  const pdf: PdfPreviews = { sessions: [], top: [], front: [] }
  const add = async (list: PreviewImage[], name: string, title: string, buf: Buffer) => {
    files.push({ name, data: buf })
    // the PDF shows them at ~150 pt: half size and JPEG keep it a few hundred kilobytes
    list.push({ title, png: await sharp(buf).resize(PDF_IMAGE_PX).flatten().jpeg({ quality: 88 }).toBuffer() })
  }
  for (const s of result.plan.sessions) {
    const buf = await png(placed, { ...base, view: 'top', session: s.index })
    await add(pdf.sessions, `preview-session-${s.index}-healed-top.png`, `Session ${s.index}, healed`, buf)
  }
  for (const view of ['top', 'front'] as const) {
    for (const years of PREVIEW_YEARS) {
      const buf = await png(placed, { ...base, view, years })
      const title = years === 0 ? 'Finished, healed' : `${years} years later`
      await add(view === 'top' ? pdf.top : pdf.front, `preview-years-${years}-${view}.png`, title, buf)
    }
  }
  return { files, pdf }
}

/** Writes every file into a fresh temporary directory beside `dir`, then moves them in: all or nothing. */
function writeAll(dir: string, files: readonly OutFile[]): void {
  const target = resolve(dir)
  const parent = dirname(target)
  mkdirSync(parent, { recursive: true })
  const tmp = mkdtempSync(join(parent, `.${basename(target)}.partial-`))
  chmodSync(tmp, 0o755)
  try {
    for (const f of files) writeFileSync(join(tmp, f.name), f.data)
    if (!existsSync(target)) renameSync(tmp, target)
    else {
      for (const f of files) renameSync(join(tmp, f.name), join(target, f.name))
      rmSync(tmp, { recursive: true, force: true })
    }
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true })
    throw new InputError([{ path: dir, message: `cannot write: ${(error as Error).message}` }])
  }
}

function summary(r: ConsultationResult): string {
  const money = (a: number) => formatMoney(a, r.quote.currency)
  const lines = [
    `Screening: ${r.screening.status}`,
    ...r.screening.findings.map(
      (f) => `  ${f.severity.padEnd(7)} ${f.code}${f.until ? ` (until ${f.until})` : ''}: ${f.message}`
    ),
    `Recommendation: ${r.recommendation.goal}, preset ${r.recommendation.presetId}, shade ${r.recommendation.shade}${r.recommendation.hairlineHeightMm === null ? '' : `, hairline ${r.recommendation.hairlineHeightMm / 10} cm`}`,
    `Plan: ${r.plan.sessions.length} sessions every ${r.plan.spacingDays} days, ${r.plan.treatedAreaCm2} cm², ${r.plan.totalImpressions.toLocaleString('en-US')} impressions (${r.plan.sessionReason})`,
    ...r.plan.sessions.map(
      (s) =>
        `  session ${s.index}  ${formatDate(s.date)}  ${s.durationMinutes} min  ${s.impressions.toLocaleString('en-US')} impressions  ${s.needle}  ${s.shadeDilution}`
    ),
    `Dates: ${r.dates.note} Sessions fall on days the location is open: without a clinic's hours, the price list's location default, Monday to Friday; a closed day moves to the next open one.`,
    `Quote (${r.quote.priceList}):`,
    ...r.quote.lines.map((l) => `  ${l.label.padEnd(70)} ${money(l.amount).padStart(12)}`),
    `  ${'Total'.padEnd(70)} ${money(r.quote.total).padStart(12)}`,
    `Longevity: touch-up after ~${r.longevity.touchUpAfterYears} years, visible ~${r.longevity.visibleYears} years`,
    `Removal: ${r.removal.laserSessions.min}–${r.removal.laserSessions.max} laser sessions`,
  ]
  return `${lines.join('\n')}\n`
}

export const consultCommand: Command = {
  name: 'consult',
  summary:
    'screening, recommended design, plan, quote, longevity and aftercare for an intake (sessions dated Monday to Friday, the price list location’s default hours); --out adds previews and the client PDF',
  usage: 'consult INTAKE.json [--json] [--out DIR] [--today YYYY-MM-DD]',
  async run(args, { io }) {
    const { values, positionals } = parseCommandArgs(
      'consult',
      args,
      { json: { type: 'boolean' }, out: { type: 'string' }, today: { type: 'string' } },
      1
    )
    const problems: InputProblem[] = []
    const [file] = positionals
    if (file === undefined) problems.push({ path: 'INTAKE.json', message: 'required: the intake file' })
    const today = values.today ?? new Date().toISOString().slice(0, 10)
    if (!isIsoDate(today))
      problems.push({ path: '--today', message: `expected a date YYYY-MM-DD, got ${JSON.stringify(today)}` })
    if (values.out !== undefined && existsSync(values.out) && !statSync(values.out).isDirectory()) {
      problems.push({ path: '--out', message: 'exists and is not a directory' })
    }
    if (problems.length > 0 || file === undefined) throw new InputError(problems)

    // everything is validated before anything is written
    const parsed = parseIntake(readJsonFile(file, MAX_INTAKE_BYTES, 'an intake file'))
    if (!parsed.success) throw new InputError(fileProblems(file, parsed.issues))
    const { result, placement } = consult(parsed.data, { today })

    if (values.out !== undefined) {
      const shots = await previews(placement, result)
      const pdf = await clientPdf(result, shots.pdf)
      writeAll(values.out, [
        { name: 'design.json', data: `${JSON.stringify(result.design, null, 2)}\n` },
        { name: 'result.json', data: `${JSON.stringify(result, null, 2)}\n` },
        ...shots.files,
        { name: 'consultation.pdf', data: pdf },
      ])
    }
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`)
    else io.stdout(summary(result))
    if (values.out !== undefined) io.stderr(`${values.out}: design.json, result.json, previews and consultation.pdf\n`)
    return ExitCode.ok
  },
}
