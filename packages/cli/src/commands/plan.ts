import { formatMoney, majorQuote, PRICE_LIST_IDS, type PriceListId, planDesign, toDesign } from '@stipple/domain'
import { placeDots } from '@stipple/engine'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { fileProblems, readDesignFile } from '../design-file.ts'
import { ExitCode, InputError } from '../errors.ts'

const isPriceList = (v: string): v is PriceListId => (PRICE_LIST_IDS as readonly string[]).includes(v)

export const planCommand: Command = {
  name: 'plan',
  summary: 'the treatment plan (area, impressions, session durations) and quote of a design',
  usage: `plan DESIGN.json [--json] [--location ${PRICE_LIST_IDS.join('|')}]`,
  run(args, { io }) {
    const { values, positionals } = parseCommandArgs(
      'plan',
      args,
      { json: { type: 'boolean' }, location: { type: 'string' } },
      1
    )
    const [file] = positionals
    const location = values.location ?? 'toronto'
    const problems = []
    if (file === undefined) problems.push({ path: 'DESIGN.json', message: 'required: the design file to plan' })
    if (!isPriceList(location)) {
      problems.push({
        path: '--location',
        message: `expected ${PRICE_LIST_IDS.join(', ')}, got ${JSON.stringify(location)}`,
      })
    }
    if (problems.length > 0 || file === undefined || !isPriceList(location)) throw new InputError(problems)
    const placed = placeDots(toDesign(readDesignFile(file)))
    if (!placed.ok) throw new InputError(fileProblems(file, placed.issues))
    const planned = planDesign(placed, location)
    const { plan, longevity } = planned
    // major units here, at the edge: DESIGN.md's JSON prints money so
    const quote = majorQuote(planned.quote)
    if (values.json) {
      io.stdout(`${JSON.stringify({ plan, quote, longevity }, null, 2)}\n`)
      return ExitCode.ok
    }
    const money = (a: number) => formatMoney(a, quote.currency)
    const lines = [
      `${file}: ${plan.sessions.length} sessions every ${plan.spacingDays} days, ${plan.treatedAreaCm2} cm² treated, ${plan.totalImpressions.toLocaleString('en-US')} impressions`,
      ...plan.sessions.map(
        (s) =>
          `  session ${s.index}  day ${String(s.dayOffset).padStart(3)}  ${String(s.durationMinutes).padStart(4)} min  ${String(s.impressions).padStart(6)} impressions  ${s.needle}  ${s.shadeDilution}`
      ),
      `Quote (${quote.priceList}):`,
      ...quote.lines.map((l) => `  ${l.label.padEnd(70)} ${money(l.amount).padStart(12)}`),
      `  ${'Total'.padEnd(70)} ${money(quote.total).padStart(12)}`,
      `Longevity: touch-up after ~${longevity.touchUpAfterYears} years, visible ~${longevity.visibleYears} years`,
    ]
    io.stdout(`${lines.join('\n')}\n`)
    return ExitCode.ok
  },
}
