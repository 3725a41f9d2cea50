// Book a free consultation: the location, a time from live availability, and how to reach you. Input is kept when
// the server refuses it, with its message beside the field; a time taken meanwhile is said plainly.
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, messageOf } from '../api/client.ts'
import type { PublicBooking, PublicLocation, PublicSlot } from '../api/types.ts'
import { FormErrors, TextField } from '../ui/field.tsx'
import { addDays, formatDate, formatDateTime, formatTime, todayIn } from '../ui/format.ts'
import { ErrorNote, Loading, QueryView } from '../ui/states.tsx'
import { requestConsultation, useAvailability, useClinic, useClinicSlug } from './clinic-api.ts'

const DAYS_SHOWN = 7

export function BookPage() {
  const { slug } = useClinicSlug()
  const clinic = useClinic(slug)
  return (
    <section aria-labelledby="book-title">
      <h1 id="book-title">Book a free consultation</h1>
      <p className="lead">
        About 30 minutes with a practitioner: we look at your scalp, talk about what you want, check the health
        questions that matter for treatment, and give you an exact quote. There is no charge and no obligation.
      </p>
      <QueryView query={clinic} what="the clinic's locations">
        {(data) =>
          data.locations.length === 0 ? (
            <ErrorNote
              error={new ApiError(404, 'not_found', 'This clinic is not taking online bookings yet. Please call us.')}
            />
          ) : (
            <Booking slug={slug} locations={data.locations} />
          )
        }
      </QueryView>
    </section>
  )
}

function Booking({ slug, locations }: { slug: string; locations: PublicLocation[] }) {
  const [params] = useSearchParams()
  const { prefix } = useClinicSlug()
  const [locationId, setLocationId] = useState(
    locations.find((l) => l.id === params.get('location'))?.id ?? locations[0]?.id ?? ''
  )
  const location = locations.find((l) => l.id === locationId) ?? locations[0]
  const timeZone = location?.timeZone ?? 'UTC'
  const [from, setFrom] = useState(() => todayIn(timeZone))
  const to = addDays(from, DAYS_SHOWN)
  const availability = useAvailability(slug, location?.id ?? null, from, to)
  const [slot, setSlot] = useState<PublicSlot | null>(null)
  const [form, setForm] = useState({ name: '', email: '', phone: '', website: '' })
  const book = useMutation({
    mutationFn: () =>
      requestConsultation(slug, {
        locationId: location?.id ?? '',
        startsAt: slot?.startsAt ?? '',
        ...form,
      }),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setSlot(null)
        void availability.refetch()
      }
    },
  })

  if (book.isSuccess) return <Booked booking={book.data} prefix={prefix} />
  const fieldErrors = book.error instanceof ApiError ? book.error.fieldErrors() : {}
  const shown = ['name', 'email', 'phone', 'startsAt', 'locationId']
  const other =
    book.error instanceof ApiError
      ? [book.error.message, ...book.error.otherMessages(shown).filter((m) => !m.startsWith('website'))]
      : book.error
        ? [messageOf(book.error)]
        : []
  const byDay = new Map<string, PublicSlot[]>()
  for (const s of availability.data ?? []) {
    const day = todayIn(timeZone, new Date(s.startsAt))
    byDay.set(day, [...(byDay.get(day) ?? []), s])
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    book.mutate()
  }
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value })

  return (
    <form className="booking" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="book-location">Location</label>
        <select
          id="book-location"
          value={location?.id ?? ''}
          onChange={(e) => {
            setLocationId(e.target.value)
            setSlot(null)
          }}
        >
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
              {l.address?.city ? `, ${l.address.city}` : ''}
            </option>
          ))}
        </select>
        {fieldErrors.locationId === undefined ? null : <span className="field-error">{fieldErrors.locationId}</span>}
      </div>
      <fieldset className="slots">
        <legend>Choose a time (times are local to {location?.name ?? 'the clinic'})</legend>
        <div className="week-nav">
          <button
            type="button"
            className="button button-secondary"
            disabled={from <= todayIn(timeZone)}
            onClick={() => setFrom(addDays(from, -DAYS_SHOWN))}
          >
            Earlier
          </button>
          <span>
            {formatDate(from)} – {formatDate(addDays(to, -1))}
          </span>
          <button type="button" className="button button-secondary" onClick={() => setFrom(addDays(from, DAYS_SHOWN))}>
            Later
          </button>
        </div>
        {availability.isPending ? (
          <Loading what="free times" />
        ) : availability.isError ? (
          <ErrorNote error={availability.error} retry={() => void availability.refetch()} />
        ) : byDay.size === 0 ? (
          <p className="state state-empty">No free times this week. Try later dates, or another location.</p>
        ) : (
          <div className="slot-days">
            {[...byDay].map(([day, slots]) => (
              <div key={day} className="slot-day">
                <h3>{formatDate(day)}</h3>
                <ul className="slot-list">
                  {slots.map((s) => (
                    <li key={s.startsAt}>
                      <button
                        type="button"
                        className={slot?.startsAt === s.startsAt ? 'slot slot-selected' : 'slot'}
                        aria-pressed={slot?.startsAt === s.startsAt}
                        onClick={() => setSlot(s)}
                      >
                        {formatTime(s.startsAt, timeZone)}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
        {fieldErrors.startsAt === undefined ? null : <p className="field-error">{fieldErrors.startsAt}</p>}
      </fieldset>
      <fieldset>
        <legend>How we reach you</legend>
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={form.name}
          onChange={set('name')}
          error={fieldErrors.name}
          required
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={fieldErrors.email}
          required
        />
        <TextField
          label="Phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          value={form.phone}
          onChange={set('phone')}
          error={fieldErrors.phone}
          required
        />
        {/* a field people never see and never fill: forms that arrive with it filled were sent by a bot */}
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="book-website">Website</label>
          <input
            id="book-website"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={form.website}
            onChange={set('website')}
          />
        </div>
      </fieldset>
      <FormErrors messages={other} />
      <p className="summary" aria-live="polite">
        {slot === null
          ? 'Choose a time above.'
          : `Your consultation: ${formatDateTime(slot.startsAt, timeZone)} at ${location?.name ?? ''}.`}
      </p>
      <button type="submit" className="button" disabled={slot === null || book.isPending}>
        {book.isPending ? 'Booking…' : 'Book my consultation'}
      </button>
    </form>
  )
}

function Booked({ booking, prefix }: { booking: PublicBooking; prefix: string }) {
  // the manage link is the same one the confirmation email carries; only its path and token matter here
  const manage = (() => {
    try {
      const url = new URL(booking.manageUrl, window.location.origin)
      return `${url.pathname}${url.search}`
    } catch {
      return null
    }
  })()
  return (
    <div className="card confirmation" role="status">
      <h2>You're booked</h2>
      <p>
        Your free consultation is on <strong>{formatDateTime(booking.startsAt, booking.location.timeZone)}</strong> at{' '}
        {booking.location.name}. We have emailed you the details with a link to change or cancel it.
      </p>
      {manage === null ? null : (
        <p>
          <Link to={manage}>Change or cancel this booking</Link>
        </p>
      )}
      <p>
        <Link to={`${prefix}/faq`}>Read the questions clients ask</Link> before you come.
      </p>
    </div>
  )
}
