import { placeDesign, planDesign } from '@stipple/domain'
import { presetDesign } from '@stipple/engine'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { formatMinorMoney, formatMoney } from '../../ui/format.ts'
import { PlanPanel } from './plan-panel.tsx'

describe("the studio's plan and quote", () => {
  it('shows each amount and the total with its currency, in its locale (never a bare 3400.00)', () => {
    const plan = planDesign(placeDesign(presetDesign('norwood-3', { seed: 3 })), 'toronto')
    const html = renderToString(<PlanPanel plan={plan} pending={false} />)
    const total = formatMinorMoney(plan.quote.totalMinor, plan.quote.currency, 2)
    expect(total).toMatch(/^\$[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}$/)
    expect(html).toContain(total)
    for (const line of plan.quote.lines) expect(html).toContain(formatMinorMoney(line.amountMinor, 'CAD', 2))
    expect(html).not.toContain((plan.quote.totalMinor / 100).toFixed(2))
    expect(html).not.toContain(String(plan.quote.totalMinor))
    // the engine places the design's dots first: a few seconds on a busy machine
  }, 60_000)

  it("formats money in the currency's own locale", () => {
    expect(formatMoney(3400, 'CAD', 2)).toBe('$3,400.00')
    expect(formatMoney(3400, 'GBP', 2)).toBe('£3,400.00')
    expect(formatMoney(3400, 'USD')).toBe('$3,400')
    expect(formatMoney(1234.5, 'EUR', 2)).toBe('€1,234.50')
  })
})
