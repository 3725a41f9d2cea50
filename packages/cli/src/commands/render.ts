import { writeFileSync } from 'node:fs'
import { toDesign } from '@stipple/domain'
import {
  CLOSE_UP_POINTS,
  CLOSE_UP_PX,
  checkRenderOptions,
  closeUpWindow,
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
import {
  closeUpCentre,
  closeUpOption,
  integerOption,
  optionProblems,
  stageOption,
  yearsOption,
} from '../render-args.ts'

const DEFAULT_WIDTH = 1024
/** PNG compression for previews: level 6 is the archive setting (STACK.md: ~0.3 s at 12 MP). */
const PNG_LEVEL = 6

const isView = (v: string): v is ViewName => (VIEW_NAMES as readonly string[]).includes(v)

export const renderCommand: Command = {
  name: 'render',
  summary: 'render a preview of a design as PNG, marked "Simulated": a view, a session, fresh or healed, years later',
  usage: `render DESIGN.json -o OUT.png [--session N] [--stage fresh|healed] [--years Y] [--view top|front|left|right|back|chart] [--closeup U,V|${CLOSE_UP_POINTS.join('|')}] [--photo FILE] [--width PX]  (--closeup: a 20 mm square of the chart at 40 px/mm about a point, chart mm from the vertex, u to the client's right, v towards the face)`,
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
        closeup: { type: 'string' },
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
    const closeUp = closeUpOption(values.closeup, problems)
    // a close-up is of the chart: the view is the chart unless asked otherwise (and then refused)
    const view = values.view ?? (closeUp === undefined ? 'top' : 'chart')
    if (!isView(view))
      problems.push({
        path: '--view',
        message: `expected one of ${VIEW_NAMES.join(', ')}, got ${JSON.stringify(view)}`,
      })
    else if (closeUp !== undefined && view !== 'chart')
      problems.push({
        path: '--closeup',
        message: 'applies to the chart view only; leave out --view or use --view chart',
      })
    const stage = stageOption(values.stage, problems)
    const session = integerOption('--session', values.session, problems)
    const width =
      integerOption('--width', values.width, problems) ?? (closeUp === undefined ? DEFAULT_WIDTH : CLOSE_UP_PX)
    const years = yearsOption(values.years, problems)
    if (problems.length > 0 || file === undefined || values.output === undefined || !isView(view)) {
      throw new InputError(problems)
    }

    const doc = readDesignFile(file)
    const design = toDesign(doc)
    const options: RenderOptions = {
      view,
      stage,
      years,
      width,
      height: width,
      ...(session === undefined ? {} : { session }),
    }
    // the engine names its options; the command line calls them --option (width and height are one option here)
    const optionIssues = checkRenderOptions(design, options)
    if (optionIssues.length > 0) throw new InputError(optionProblems(optionIssues))
    const placed = placeDots(design)
    if (!placed.ok) throw new InputError(fileProblems(file, placed.issues))
    if (closeUp !== undefined) {
      const centre = closeUpCentre(closeUp, placed)
      if ('path' in centre) throw new InputError([centre])
      options.closeUp = closeUpWindow(centre.u, centre.v)
      const closeIssues = checkRenderOptions(design, options)
      if (closeIssues.length > 0) throw new InputError(optionProblems(closeIssues))
    }
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
    const what =
      options.closeUp === undefined
        ? `${view} view`
        : `close-up of ${options.closeUp.widthMm} mm at ${(width / options.closeUp.widthMm).toFixed(0)} px/mm about chart (${options.closeUp.u.toFixed(1)}, ${options.closeUp.v.toFixed(1)}) mm`
    io.stderr(
      `${values.output}: ${width}×${width} ${what}, ${options.stage}${years > 0 ? `, ${years} years on` : ''}; simulated preview\n`
    )
    return ExitCode.ok
  },
}
