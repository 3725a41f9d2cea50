// The render options on the command line, spelled as the engine and the HTTP routes spell them: --session, --stage,
// --years, --view, --width (and --height where an image may be oblong), --closeup. Shared by `render` and `inspect`.
import {
  CLOSE_UP_POINTS,
  type CloseUpPoint,
  closeUpPoint,
  type Placement,
  type RenderIssue,
  type Stage,
} from '@stipple/engine'
import type { InputProblem } from './errors.ts'

/** A whole number from the command line, or a problem naming the option. */
export function integerOption(name: string, text: string | undefined, problems: InputProblem[]): number | undefined {
  if (text === undefined) return undefined
  if (/^-?[0-9]{1,9}$/.test(text)) return Number(text)
  problems.push({ path: name, message: `expected a whole number, got ${JSON.stringify(text)}` })
  return undefined
}

/** --years: a number (the engine checks its range); 0 when absent. */
export function yearsOption(text: string | undefined, problems: InputProblem[]): number {
  if (text === undefined) return 0
  if (/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text)
  problems.push({ path: '--years', message: `expected a number, got ${JSON.stringify(text)}` })
  return 0
}

/** --stage: fresh or healed; healed when absent. */
export function stageOption(text: string | undefined, problems: InputProblem[]): Stage {
  if (text === undefined || text === 'healed') return 'healed'
  if (text === 'fresh') return 'fresh'
  problems.push({ path: '--stage', message: `expected fresh or healed, got ${JSON.stringify(text)}` })
  return 'healed'
}

/** --closeup: chart coordinates "U,V" in mm, or a point an artist names (hairline, crown, border, ...). */
export type CloseUpArg = { kind: 'chart'; u: number; v: number } | { kind: 'named'; name: CloseUpPoint }

export function closeUpOption(text: string | undefined, problems: InputProblem[]): CloseUpArg | undefined {
  if (text === undefined) return undefined
  if ((CLOSE_UP_POINTS as readonly string[]).includes(text)) return { kind: 'named', name: text as CloseUpPoint }
  const m = /^(-?[0-9]+(?:\.[0-9]+)?),(-?[0-9]+(?:\.[0-9]+)?)$/.exec(text.replace(/\s+/g, ''))
  if (m !== null) return { kind: 'chart', u: Number(m[1]), v: Number(m[2]) }
  problems.push({
    path: '--closeup',
    message: `expected chart millimetres U,V (u to the client's right, v towards the face, 0,0 the vertex) or one of ${CLOSE_UP_POINTS.join(', ')}, got ${JSON.stringify(text)}`,
  })
  return undefined
}

/** The chart point a --closeup names on this placed design, or a problem when the design has no such point. */
export function closeUpCentre(arg: CloseUpArg, placement: Placement): { u: number; v: number } | InputProblem {
  if (arg.kind === 'chart') return { u: arg.u, v: arg.v }
  const p = closeUpPoint(placement, arg.name)
  if (p === null)
    return {
      path: '--closeup',
      message:
        arg.name === 'border'
          ? 'this design has no border between treatment and remaining hair'
          : `this design has no ${arg.name}`,
    }
  return { u: p[0], v: p[1] }
}

/** The engine's render issues as command-line problems: `--session` for `session`; width and height reported once. */
export function optionProblems(issues: readonly RenderIssue[], sides: 'width' | 'both' = 'width'): InputProblem[] {
  const seen = new Set<string>()
  const out: InputProblem[] = []
  for (const i of issues) {
    const path =
      i.path === 'height' && sides === 'width' ? '--width' : i.path === 'closeUp' ? '--closeup' : `--${i.path}`
    const key = `${path}\n${i.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ path, message: i.message })
  }
  return out
}
