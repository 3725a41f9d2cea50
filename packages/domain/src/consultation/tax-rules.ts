// Sales taxes as data, per location: each location keeps the taxes it charges, what each applies to, and its rate.
// A quote adds a line of its own for every tax that applies to treatment, rounded half-up to the cent on the subtotal,
// and includes it in the total (DESIGN.md, quote contract).
//
// The defaults are the published rates for the regions the clinic's locations are in (Canada Revenue Agency: HST 13 %
// in Ontario, GST 5 % in British Columbia; BC Ministry of Finance: PST 7 %; HMRC: VAT 20 % standard rate). BC's PST is charged on goods and on a
// short list of services that does not include cosmetic treatment, which is why BC clinics quote SMP "+ GST" only
// (DOMAIN §7, Kelowna: "$1,000–5,000 + GST" [KEL]). So PST is kept as a rule on goods sold at the desk (aftercare
// products), not on treatment. An owner changes any of this for their own location.

import { z } from 'zod'

/** What a tax is charged on: the treatment (sessions, touch-ups, removal) or goods sold at the desk. */
export const TAX_BASES = ['treatment', 'goods'] as const

export const TaxRuleSchema = z.strictObject({
  /** Short name on the quote line and the receipt: HST, GST, PST, QST, VAT. */
  code: z
    .string()
    .regex(/^[A-Z]{2,6}$/, 'use the tax’s short name in capitals, 2 to 6 letters (for example HST, GST, PST, VAT)'),
  /** How the quote names it, e.g. "HST (Ontario)". */
  label: z.string().trim().min(1, 'give the tax a name clients will read').max(60, 'at most 60 characters'),
  /** Rate in basis points (13 % = 1300); at most 50 %. */
  basisPoints: z
    .number()
    .int('give the rate in basis points, a whole number (13 % is 1300)')
    .min(1, 'a rate of 0 is no tax: remove the rule instead')
    .max(5000, 'at most 50 % (5000 basis points)'),
  appliesTo: z
    .array(z.enum(TAX_BASES))
    .min(1, 'say what the tax is charged on: treatment, goods or both')
    .max(TAX_BASES.length)
    .refine((a) => new Set(a).size === a.length, 'list each of treatment and goods at most once'),
})
export type TaxRule = z.infer<typeof TaxRuleSchema>

export const TaxRulesSchema = z
  .array(TaxRuleSchema)
  .max(6, 'at most 6 taxes at one location')
  .superRefine((rules, ctx) => {
    const seen = new Set<string>()
    rules.forEach((r, i) => {
      if (seen.has(r.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `${r.code} is listed twice` })
      seen.add(r.code)
    })
  })

/** "13%", "7.5%": a rate people read. */
export function formatRate(basisPoints: number): string {
  return `${Number((basisPoints / 100).toFixed(2))}%`
}

/** The taxes that apply to treatment, in the order the location lists them. */
export function treatmentTaxes(rules: readonly TaxRule[]): TaxRule[] {
  return rules.filter((r) => r.appliesTo.includes('treatment'))
}

/** What the client reads under the quote about tax at this location. */
export function taxNoteOf(rules: readonly TaxRule[]): string {
  const onTreatment = treatmentTaxes(rules)
  const notOn = rules.filter((r) => !r.appliesTo.includes('treatment'))
  const parts: string[] = []
  if (onTreatment.length === 0) parts.push('No sales tax is charged on treatment at this location.')
  else
    parts.push(
      `${onTreatment.map((r) => `${r.label} ${formatRate(r.basisPoints)}`).join(' and ')} ${onTreatment.length === 1 ? 'is' : 'are'} shown as a line of ${onTreatment.length === 1 ? 'its' : 'their'} own and included in the total.`
    )
  if (notOn.length > 0)
    parts.push(
      `${notOn.map((r) => `${r.code} (${formatRate(r.basisPoints)})`).join(' and ')} applies to products bought at the clinic, not to treatment.`
    )
  return parts.join(' ')
}

/** One tax on an amount in minor units, rounded half-up to the cent: the one rounding every quote and estimate uses. */
export function taxMinor(amountMinor: number, basisPoints: number): number {
  return Math.round((amountMinor * basisPoints) / 10_000)
}

/** Total tax on a treatment amount in minor units, as the quote computes it (each tax rounded half-up to the cent). */
export function treatmentTaxMinor(subtotalMinor: number, rules: readonly TaxRule[]): number {
  return treatmentTaxes(rules).reduce((sum, r) => sum + taxMinor(subtotalMinor, r.basisPoints), 0)
}

const ONTARIO: TaxRule[] = [
  { code: 'HST', label: 'HST (Ontario)', basisPoints: 1300, appliesTo: ['treatment', 'goods'] },
]
const BRITISH_COLUMBIA: TaxRule[] = [
  { code: 'GST', label: 'GST', basisPoints: 500, appliesTo: ['treatment', 'goods'] },
  { code: 'PST', label: 'PST (British Columbia)', basisPoints: 700, appliesTo: ['goods'] },
]

/** VAT at the standard rate (HMRC: 20 %), for a VAT-registered clinic. */
const UNITED_KINGDOM: TaxRule[] = [{ code: 'VAT', label: 'VAT', basisPoints: 2000, appliesTo: ['treatment', 'goods'] }]

/**
 * The taxes a new location starts with, by its country and region (ISO 3166 codes as the address keeps them). Only
 * regions whose rates are published above are known; anywhere else starts with none and the owner sets them.
 */
export function defaultTaxRules(address: { country?: string; region?: string }): TaxRule[] {
  const country = (address.country ?? '').toUpperCase()
  const region = (address.region ?? '').toUpperCase()
  const copy = (rules: TaxRule[]) => rules.map((r) => ({ ...r, appliesTo: [...r.appliesTo] }))
  if (country === 'CA' && region === 'ON') return copy(ONTARIO)
  if (country === 'CA' && region === 'BC') return copy(BRITISH_COLUMBIA)
  if (country === 'GB') return copy(UNITED_KINGDOM)
  return []
}
