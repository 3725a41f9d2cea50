import { writeFileSync } from 'node:fs'
import { DESIGN_SCHEMA_V1, parseDesignDocument } from '@stipple/domain'
import { PRESET_IDS, type PresetId, presetDesign } from '@stipple/engine'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { ExitCode, InputError, type InputProblem } from '../errors.ts'

const isPreset = (id: string): id is PresetId => (PRESET_IDS as readonly string[]).includes(id)
const MAX_SEED = 0xffff_ffff

function parseSeed(text: string | undefined, problems: InputProblem[]): number | undefined {
  if (text === undefined) return undefined
  const seed = /^[0-9]{1,10}$/.test(text) ? Number(text) : Number.NaN
  if (Number.isInteger(seed) && seed <= MAX_SEED) return seed
  problems.push({ path: '--seed', message: `expected an integer from 0 to ${MAX_SEED}, got ${JSON.stringify(text)}` })
  return undefined
}

/** A preset's name as people say it: `norwood-3-vertex` → "Norwood 3 vertex", `scar-fut` → "FUT scar". */
function presetName(id: PresetId): string {
  const scar = /^scar-(\w+)$/.exec(id)
  if (scar !== null) return `${(scar[1] ?? '').toUpperCase()} scar`
  const [head = '', ...rest] = id.split('-')
  const words = [
    head.charAt(0).toUpperCase() + head.slice(1),
    ...rest.map((w) => (/^[0-9]+a$/.test(w) ? w.toUpperCase() : w)),
  ]
  return words.join(' ')
}

export const designCommand: Command = {
  name: 'design',
  summary: 'write a stipple.design/v1 document from a preset (one per hair-loss pattern)',
  usage: 'design --preset ID [--sex male|female] [--seed N] [-o FILE]',
  run(args, { io }) {
    const { values } = parseCommandArgs(
      'design',
      args,
      {
        preset: { type: 'string' },
        sex: { type: 'string' },
        seed: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      0
    )
    const problems: InputProblem[] = []
    const preset = values.preset
    if (preset === undefined || !isPreset(preset)) {
      const what = preset === undefined ? 'required' : `unknown preset ${JSON.stringify(preset)}`
      problems.push({ path: '--preset', message: `${what}; one of: ${PRESET_IDS.join(', ')}` })
    }
    const sex = values.sex
    if (sex !== undefined && sex !== 'male' && sex !== 'female') {
      problems.push({ path: '--sex', message: `expected male or female, got ${JSON.stringify(sex)}` })
    }
    const seed = parseSeed(values.seed, problems)
    if (problems.length > 0 || preset === undefined || !isPreset(preset)) throw new InputError(problems)

    const design = presetDesign(preset, {
      ...(sex === 'male' || sex === 'female' ? { sex } : {}),
      ...(seed === undefined ? {} : { seed }),
    })
    // a preset the schema refuses is our bug, not the user's: exit 1 rather than write it
    const check = parseDesignDocument({ schema: DESIGN_SCHEMA_V1, ...design })
    if (!check.success) {
      throw new Error(
        `preset ${preset} is not a valid design: ${check.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
      )
    }
    const text = `${JSON.stringify(check.data, null, 2)}\n`
    if (values.output === undefined) {
      io.stdout(text)
      return ExitCode.ok
    }
    try {
      writeFileSync(values.output, text)
    } catch (error) {
      throw new InputError([{ path: values.output, message: `cannot write: ${(error as Error).message}` }])
    }
    // what was written, on stderr like the other commands (stdout stays the document when no file is given)
    const zones = check.data.zones.length
    io.stderr(
      `Wrote ${values.output}: ${presetName(preset)} preset, ${check.data.head.sex}, seed ${check.data.seed}, ${zones} zone${zones === 1 ? '' : 's'}\n`
    )
    return ExitCode.ok
  },
}
