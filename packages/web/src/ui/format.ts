// Dates, times and money as clinic staff and clients read them. Dates and times are the location's wall clock as the
// server computed it (`…Local` fields, 'YYYY-MM-DD' calendar dates): nothing here converts an instant between zones,
// so the browser's own time-zone data never decides what a screen shows.

/** The locale whose readers a price in this currency is for: `$3,400.00` in Canada, `£3,400.00` in the UK. */
const LOCALE_OF_CURRENCY: Record<string, string> = {
  CAD: 'en-CA',
  USD: 'en-US',
  GBP: 'en-GB',
  EUR: 'en-IE',
  AUD: 'en-AU',
}

/**
 * Money as people read it: an amount in major units (dollars, pounds) with its currency, in the currency's locale
 * (never a bare `3400.00`); 'auto' decimals show cents only when the amount has some. Screens showing the API's amounts use `formatMinorMoney`; this takes major units for what
 * arrives in them (the studio's plan from the domain, the public estimate's ranges).
 */
export function formatMoney(amount: number, currency: string, decimals: number | 'auto' = 0): string {
  const shown = decimals === 'auto' ? (Number.isInteger(amount) ? 0 : 2) : decimals
  return new Intl.NumberFormat(LOCALE_OF_CURRENCY[currency] ?? 'en-CA', {
    style: 'currency',
    currency,
    minimumFractionDigits: shown,
    maximumFractionDigits: shown,
  }).format(amount)
}

/**
 * The API's money (integer minor units: cents, pence) with the currency it came with: the one place the app turns
 * minor units into what people read. `decimals`: 2 always shows cents; 'auto' only when the amount has some.
 */
export function formatMinorMoney(minor: number, currency: string, decimals: 0 | 2 | 'auto' = 2): string {
  return formatMoney(minor / 100, currency, decimals)
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/**
 * A local date ('YYYY-MM-DD') the server computed, as people read it ("Mon, Dec 7, 2026"). No time-zone conversion
 * happens in the browser: the date is read as a calendar date.
 */
export function formatLocalDate(date: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`))
}

/** A local wall-clock time ('HH:MM') the server computed, in the app's one time format ("2:30 p.m."). */
export function formatLocalTime(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number)
  return new Intl.DateTimeFormat('en-CA', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 1, h, m))
  )
}

/** Both, for one moment the server described: "Mon, Dec 7, 2026, 2:30 p.m.". */
export function formatLocal(local: { date: string; time: string }): string {
  return `${formatLocalDate(local.date)}, ${formatLocalTime(local.time)}`
}

/** A local date the server computed, short, for a row of days: "Mon", "Dec 7". No time-zone conversion. */
export function formatLocalDay(date: string): { weekday: string; day: string } {
  const d = new Date(`${date}T12:00:00Z`)
  return {
    weekday: new Intl.DateTimeFormat('en-CA', { weekday: 'short', timeZone: 'UTC' }).format(d),
    day: new Intl.DateTimeFormat('en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d),
  }
}
