// A domain quote (major units, as DESIGN.md's consultation result has them) as the quotes table keeps it: integer
// minor units, so totals add up exactly and the database can check them.
import type { ConsultationResult } from '@stipple/domain'

type Quote = ConsultationResult['quote']

/** What a quotes row holds besides its ids. */
export interface StoredQuote {
  currency: string
  totalMinor: number
  document: {
    priceList: string
    subtotalMinor: number
    lines: { label: string; amountMinor: number }[]
    later: { label: string; amountMinor: number }[]
    notes: string[]
  }
}

/** Major units with at most two decimals → minor units (rounding only undoes binary fractions: 12.3 → 1230). */
const toMinor = (amount: number) => Math.round(amount * 100)

export function storedQuote(quote: Quote): StoredQuote {
  const lines = quote.lines.map((l) => ({ label: l.label, amountMinor: toMinor(l.amount) }))
  return {
    currency: quote.currency,
    totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
    document: {
      priceList: quote.priceList,
      subtotalMinor: toMinor(quote.subtotal),
      lines,
      later: quote.later.map((l) => ({ label: l.label, amountMinor: toMinor(l.amount) })),
      notes: [...quote.notes],
    },
  }
}
