// The live plan and quote: treated area, sessions and the quote with tax, as the worker last planned them.
import type { DesignPlan } from '@stipple/domain'
import { useId } from 'react'
import { formatMinorMoney } from '../../ui/format.ts'

export function PlanPanel(props: { plan: DesignPlan | null; pending: boolean }) {
  const areaLabel = useId()
  const p = props.plan
  return (
    <section className="studio-panel" aria-labelledby={`${areaLabel}-h`} aria-busy={props.pending}>
      <h2 id={`${areaLabel}-h`}>Plan and quote</h2>
      <p>
        <span id={areaLabel}>Treated area</span>:{' '}
        <output aria-labelledby={areaLabel} data-testid="treated-area">
          {p === null ? '…' : `${p.plan.treatedAreaCm2.toFixed(1)} cm²`}
        </output>
      </p>
      {p !== null && (
        <>
          <p>
            {p.plan.sessions.length} sessions,{' '}
            <span data-testid="total-impressions">{p.plan.totalImpressions.toLocaleString('en')}</span> impressions in
            all
          </p>
          <table>
            <caption>Sessions</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Day</th>
                <th scope="col">Impressions</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {p.plan.sessions.map((s) => (
                <tr key={s.index}>
                  <td>{s.index}</td>
                  <td>{s.dayOffset}</td>
                  <td>{s.impressions.toLocaleString('en')}</td>
                  <td>{Math.round(s.durationMinutes)} min</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>Quote, tax included</caption>
            <tbody>
              {p.quote.lines.map((l) => (
                <tr key={l.label}>
                  <td>{l.label}</td>
                  <td className="num">{formatMinorMoney(l.amountMinor, p.quote.currency, 2)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Total</th>
                <td className="num" data-testid="quote-total">
                  {formatMinorMoney(p.quote.totalMinor, p.quote.currency, 2)}
                </td>
              </tr>
            </tbody>
          </table>
        </>
      )}
      {props.pending && <p className="studio-note">Updating…</p>}
    </section>
  )
}
