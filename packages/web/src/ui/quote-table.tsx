// A treatment plan's quote: its lines and total (tax included), and the prices for later that are not in the total.
import type { TreatmentPlan } from '../api/types.ts'
import { formatMinorMoney } from './format.ts'

export function QuoteTable({ quote }: { quote: NonNullable<TreatmentPlan['quote']> }) {
  const money = (minor: number) => formatMinorMoney(minor, quote.currency)
  return (
    <>
      <table className="table">
        <caption>Quote</caption>
        <tbody>
          {quote.lines.map((l) => (
            <tr key={l.label}>
              <td>{l.label}</td>
              <td className="num">{money(l.amountMinor)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td className="num">
              <strong>{money(quote.totalMinor)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {quote.later.length > 0 ? (
        <table className="table">
          <caption>Later, not in the total</caption>
          <tbody>
            {quote.later.map((l) => (
              <tr key={l.label}>
                <td>{l.label}</td>
                <td className="num">{money(l.amountMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {quote.notes.length > 0 ? (
        <ul className="muted">
          {quote.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

export function PlanSummary({ plan }: { plan: TreatmentPlan }) {
  const sessions = plan.plan.sessions
  const hours = (m: number) => `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ''}`.trim()
  return (
    <>
      <p>
        {sessions.length} sessions about {plan.plan.spacingDays} days apart, treating{' '}
        {Math.round(plan.plan.treatedAreaCm2)} cm².
        {plan.plan.sessionReason ? ` ${plan.plan.sessionReason}` : ''}
      </p>
      <ol>
        {sessions.map((s) => (
          <li key={s.index}>
            Session {s.index}: about {hours(s.durationMinutes)}
            {s.date ? `, planned for ${s.date}` : ''}
          </li>
        ))}
      </ol>
    </>
  )
}
