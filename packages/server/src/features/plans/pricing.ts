// What a location charges with: its price list and its tax rules, checked. Plans and consultations price with these.
import { PRICE_LIST_IDS, type PriceListId, type TaxRule, TaxRulesSchema } from '@stipple/domain'
import { AppError } from '../../errors.ts'

/** The domain's price list of a location, or a 422 saying the location's list is not one Stipple has. */
export function priceListOf(location: { priceListId: string }, path: string): PriceListId {
  const id = PRICE_LIST_IDS.find((p): p is PriceListId => p === location.priceListId)
  if (id !== undefined) return id
  throw new AppError('unprocessable', 'This location has no price list Stipple knows', {
    problems: [
      {
        path,
        message: `the location's price list "${location.priceListId}" is not one of ${PRICE_LIST_IDS.join(', ')}`,
      },
    ],
  })
}

/** The location's stored tax rules, checked; a location whose stored rules do not parse cannot price a quote. */
export function taxRulesOf(location: { taxRules: unknown }, path: string): TaxRule[] {
  const parsed = TaxRulesSchema.safeParse(location.taxRules)
  if (parsed.success) return parsed.data
  throw new AppError('unprocessable', "This location's tax rules are not valid; the owner can correct them", {
    problems: [{ path, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }],
  })
}
