// The cost estimator: pick the picture most like your scalp and the clinic you would go to; the price range is the
// server's, from that location's price list with its own taxes (tax included, three sessions to four).
import { useState } from 'react'
import { Link } from 'react-router'
import { formatMinorMoney } from '../ui/format.ts'
import { QueryView } from '../ui/states.tsx'
import { useClinic, useClinicSlug } from './clinic-api.ts'
import { PATTERNS } from './estimate.ts'
import { StagePicture } from './stage-picture.tsx'

/** Whole amounts without cents; an amount with cents (tax often adds them) keeps them. */
const money = (minor: number, currency: string) => formatMinorMoney(minor, currency, 'auto')

export function EstimatePage() {
  const { slug, prefix } = useClinicSlug()
  const clinic = useClinic(slug)
  const [patternId, setPatternId] = useState<string | null>(null)
  const [scarToo, setScarToo] = useState(false)
  const [place, setPlace] = useState<string>('')

  return (
    <section aria-labelledby="estimate-title">
      <h1 id="estimate-title">What would it cost?</h1>
      <p className="lead">
        Choose the picture closest to your hair loss (seen from above, face at the top). Your consultation gives you an
        exact quote.
      </p>
      <form className="estimator" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Your pattern</legend>
          <div className="pattern-grid">
            {PATTERNS.map((p) => (
              <label key={p.id} className={patternId === p.id ? 'pattern pattern-selected' : 'pattern'}>
                <input
                  type="radio"
                  name="pattern"
                  value={p.id}
                  checked={patternId === p.id}
                  onChange={() => setPatternId(p.id)}
                />
                <StagePicture patternId={p.id} />
                <span className="pattern-name">{p.name}</span>
                <span className="pattern-text">{p.description}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <QueryView query={clinic} what="the clinic's locations and prices">
          {(data) => {
            const priced = data.locations.filter((l) => l.estimate !== null)
            const location = priced.find((l) => l.id === place) ?? priced[0]
            const estimate = location?.estimate ?? null
            const result = estimate?.patterns.find((p) => p.patternId === patternId) ?? null
            const range = result === null ? null : scarToo ? result.withScar : result.range
            return (
              <>
                <div className="estimator-options">
                  <div className="field">
                    <label htmlFor="estimate-place">Clinic</label>
                    <select id="estimate-place" value={location?.id ?? ''} onChange={(e) => setPlace(e.target.value)}>
                      {priced.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <label className="check">
                    <input type="checkbox" checked={scarToo} onChange={(e) => setScarToo(e.target.checked)} />I also
                    have a transplant scar to hide
                  </label>
                </div>
                <div className="estimate-result" aria-live="polite">
                  {location === undefined || estimate === null ? (
                    <p>This clinic has not published its prices yet. A consultation gives you an exact quote.</p>
                  ) : result === null || range === null ? (
                    <p>Pick a picture above to see a price range at {location.name}.</p>
                  ) : (
                    <div className="card">
                      <h2>
                        {money(range.lowMinor, estimate.currency)} – {money(range.highMinor, estimate.currency)}
                      </h2>
                      <p>
                        At {location.name}: {result.packageLabel}
                        {scarToo && patternId !== 'scar' ? ', with scar camouflage' : ''}, tax included: three sessions,
                        or four when your skin needs one more (about one client in five).
                      </p>
                      <p>
                        A touch-up in a few years costs {money(estimate.touchUpMinor, estimate.currency)}, tax included.{' '}
                        {estimate.taxNote}
                      </p>
                      <p>
                        <Link className="button" to={`${prefix}/book?location=${location.id}`}>
                          Book a free consultation
                        </Link>
                      </p>
                    </div>
                  )}
                </div>
              </>
            )
          }}
        </QueryView>
      </form>
    </section>
  )
}
