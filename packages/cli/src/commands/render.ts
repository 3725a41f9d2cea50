import { writeFileSync } from 'node:fs'
import { toDesign } from '@stipple/domain'
import {
  checkRenderOptions,
  placeDots,
  type RenderOptions,
  renderPreview,
  VIEW_NAMES,
  type ViewName,
} from '@stipple/engine'
import sharp from 'sharp'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { fileProblems, readDesignFile } from '../design-file.ts'
import { ExitCode, InputError, type InputProblem } from '../errors.ts'

const DEFAULT_WIDTH = 1024
/** PNG compression for previews: level 6 is the archive setting (STACK.md: ~0.3 s at 12 MP). */
const PNG_LEVEL = 6

const isView = (v: string): v is ViewName => (VIEW_NAMES as readonly string[]).includes(v)

/** A whole number from the command line, or a problem naming the option. */
function integerOption(name: string, text: string | undefined, problems: InputProblem[]): number | undefined {
  if (text === undefined) return undefined
  if (/^-?[0-9]{1,9}$/.test(text)) return Number(text)
  problems.push({ path: name, message: `expected a whole number, got ${JSON.stringify(text)}` })
  return undefined
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'render a preview of a design as PNG, marked "Simulated": a view, a session, fresh or healed, years later',
  usage:
    'render DESIGN.json -o OUT.png [--session N] [--stage fresh|healed] [--years Y] [--view top|front|left|right|back|chart] [--photo FILE] [--width PX]',
  async run(args, { io }) {
    const { values, positionals } = parseCommandArgs(
      'render',
      args,
      {
        output: { type: 'string', short: 'o' },
        session: { type: 'string' },
        stage: { type: 'string' },
        years: { type: 'string' },
        view: { type: 'string' },
        photo: { type: 'string' },
        width: { type: 'string' },
      },
      1
    )
    const problems: InputProblem[] = []
    const [file] = positionals
    if (file === undefined) problems.push({ path: 'DESIGN.json', message: 'required: the design file to render' })
    if (values.output === undefined) problems.push({ path: '-o', message: 'required: where to write the PNG' })
    else if (!values.output.toLowerCase().endsWith('.png'))
      problems.push({ path: '-o', message: 'must name a .png file' })
    if (values.photo !== undefined) {
      problems.push({
        path: '--photo',
        message:
          "rendering on a client's photo needs photo alignment, which Stipple does not have yet; render on the synthetic scalp",
      })
    }
    const view = values.view ?? 'top'
    if (!isView(view))
      problems.push({
        path: '--view',
        message: `expected one of ${VIEW_NAMES.join(', ')}, got ${JSON.stringify(view)}`,
      })
    const stage = values.stage ?? 'healed'
    if (stage !== 'fresh' && stage !== 'healed') {
      problems.push({ path: '--stage', message: `expected fresh or healed, got ${JSON.stringify(stage)}` })
    }
    const session = integerOption('--session', values.session, problems)
    const width = integerOption('--width', values.width, problems) ?? DEFAULT_WIDTH
    let years = 0
    if (values.years !== undefined) {
      years = /^-?[0-9]+(\.[0-9]+)?$/.test(values.years) ? Number(values.years) : Number.NaN
      if (Number.isNaN(years))
        problems.push({ path: '--years', message: `expected a number, got ${JSON.stringify(values.years)}` })
    }
    if (problems.length > 0 || file === undefined || values.output === undefined || !isView(view)) {
      throw new InputError(problems)
    }

    const doc = readDesignFile(file)
    const design = toDesign(doc)
    const options: RenderOptions = {
      view,
      stage: stage === 'fresh' ? 'fresh' : 'healed',
      years,
      width,
      height: width,
      ...(session === undefined ? {} : { session }),
    }
    // the engine names its options; the command line calls them --option
    const optionIssues = checkRenderOptions(design, options)
    if (optionIssues.length > 0) {
      // width and height are one option here: report it once
      const seen = new Set<string>()
      const named = optionIssues
        .map((i) => ({ path: i.path === 'height' ? '--width' : `--${i.path}`, message: i.message }))
        .filter((p) => !seen.has(`${p.path}\n${p.message}`) && seen.add(`${p.path}\n${p.message}`) !== undefined)
      throw new InputError(named)
    }
    const placed = placeDots(design)
    if (!placed.ok) throw new InputError(fileProblems(file, placed.issues))
    const target = { width, height: width, data: new Uint8ClampedArray(width * width * 4) }
    const result = renderPreview(placed, options, target)
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('; '))
    const png = await sharp(Buffer.from(target.data.buffer), { raw: { width, height: width, channels: 4 } })
      .png({ compressionLevel: PNG_LEVEL })
      .toBuffer()
    try {
      writeFileSync(values.output, png)
    } catch (error) {
      throw new InputError([{ path: values.output, message: `cannot write: ${(error as Error).message}` }])
    }
    io.stderr(
      `${values.output}: ${width}×${width} ${view} view, ${options.stage}${years > 0 ? `, ${years} years on` : ''}; simulated preview\n`
    )
    return ExitCode.ok
  },
}
