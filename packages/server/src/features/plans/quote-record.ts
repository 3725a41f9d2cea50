// A domain quote as the quotes table keeps it: integer minor units, as the domain sums them, so totals add up
// exactly and the database can check them.
import type { QuoteMinor } from '@stipple/domain'

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

export function storedQuote(quote: QuoteMinor): StoredQuote {
  const lines = quote.lines.map((l) => ({ label: l.label, amountMinor: l.amountMinor }))
  return {
    currency: quote.currency,
    totalMinor: quote.totalMinor,
    document: {
      priceList: quote.priceList,
      subtotalMinor: quote.subtotalMinor,
      lines,
      later: quote.later.map((l) => ({ label: l.label, amountMinor: l.amountMinor })),
      notes: [...quote.notes],
    },
  }
}
