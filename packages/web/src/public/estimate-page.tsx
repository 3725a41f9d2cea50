// The cost estimator: pick the picture most like your scalp and your nearest clinic; a price range comes back from
// that location's price list.
import { PRICE_LISTS, type PriceListId } from '@stipple/domain'
import { useState } from 'react'
import { Link } from 'react-router'
import { formatMoney } from '../ui/format.ts'
import { useClinic, useClinicSlug } from './clinic-api.ts'
import { estimate, isPriceListId, PATTERNS } from './estimate.ts'
import { StagePicture } from './stage-picture.tsx'

export function EstimatePage() {
  const { slug, prefix } = useClinicSlug()
  const clinic = useClinic(slug)
  const [patternId, setPatternId] = useState<string | null>(null)
  const [scarToo, setScarToo] = useState(false)
  const [place, setPlace] = useState<string>('')
  const locations = clinic.data?.locations ?? []
  const byLocation = locations.length > 0 && locations.some((l) => isPriceListId(l.priceListId))
  const placeOptions = byLocation
    ? locations.map((l) => ({ value: l.id, label: l.name }))
    : Object.values(PRICE_LISTS).map((l) => ({ value: l.id, label: l.name }))
  const selected = place === '' ? (placeOptions[0]?.value ?? '') : place
  const location = locations.find((l) => l.id === selected)
  // the location's own price list when the clinic publishes one; otherwise the visitor picks a region
  const priceListId: PriceListId | null = isPriceListId(location?.priceListId)
    ? location.priceListId
    : isPriceListId(selected)
      ? selected
      : null
  const result = patternId === null || priceListId === null ? null : estimate(patternId, priceListId, scarToo)

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
        <div className="estimator-options">
          <div className="field">
            <label htmlFor="estimate-place">{byLocation ? 'Nearest clinic' : 'Region'}</label>
            <select id="estimate-place" value={selected} onChange={(e) => setPlace(e.target.value)}>
              {placeOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <label className="check">
            <input type="checkbox" checked={scarToo} onChange={(e) => setScarToo(e.target.checked)} />I also have a
            transplant scar to hide
          </label>
        </div>
      </form>
      <div className="estimate-result" aria-live="polite">
        {patternId === null ? (
          <p>Pick a picture above to see a price range.</p>
        ) : result === null ? (
          <p>Choose your nearest clinic to see its prices.</p>
        ) : (
          <div className="card">
            <h2>
              {formatMoney(result.low, result.currency)} – {formatMoney(result.high, result.currency)}
            </h2>
            <p>
              {result.packageLabel}
              {scarToo ? ', with scar camouflage' : ''}: three sessions, or four when your skin needs one more (about
              one client in five).
            </p>
            <p>
              A touch-up in a few years costs {formatMoney(result.touchUp, result.currency)}. {result.taxNote}
            </p>
            <p>
              <Link className="button" to={`${prefix}/book${location === undefined ? '' : `?location=${location.id}`}`}>
                Book a free consultation
              </Link>
            </p>
          </div>
        )}
      </div>
    </section>
  )
}
