// Book a free consultation: the location (with its address, phone and hours), a time from live availability one day
// at a time, and how to reach you. Input is kept when the server refuses it, with its message beside the field; a
// time taken meanwhile is said plainly. Dates, times, the length and whether an email goes out are the server's.
import { useMutation } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ApiError, messageOf } from '../api/client.ts'
import type { PublicBooking, PublicClinic, PublicSlot } from '../api/types.ts'
import { FormErrors, TextField } from '../ui/field.tsx'
import { formatLocal, formatLocalTime } from '../ui/format.ts'
import { ErrorNote, QueryView } from '../ui/states.tsx'
import { requestConsultation, useClinic, useClinicSlug } from './clinic-api.ts'
import { DayPicker } from './day-picker.tsx'
import { LocationCard } from './location-card.tsx'

export function BookPage() {
  const { slug } = useClinicSlug()
  const clinic = useClinic(slug)
  return (
    <section aria-labelledby="book-title">
      <h1 id="book-title">Book a free consultation</h1>
      <QueryView query={clinic} what="the clinic's locations">
        {(data) =>
          data.locations.length === 0 ? (
            <ErrorNote
              error={new ApiError(404, 'not_found', 'This clinic is not taking online bookings yet. Please call us.')}
            />
          ) : (
            <>
              <p className="lead">
                {data.consultationMinutes} minutes with a practitioner: we look at your scalp, talk about what you want,
                check the health questions that matter for treatment, and give you an exact quote. There is no charge
                and no obligation.
              </p>
              <Booking slug={slug} clinic={data} />
            </>
          )
        }
      </QueryView>
    </section>
  )
}

function Booking({ slug, clinic }: { slug: string; clinic: PublicClinic }) {
  const { locations } = clinic
  const [params] = useSearchParams()
  const { prefix } = useClinicSlug()
  const [locationId, setLocationId] = useState(
    locations.find((l) => l.id === params.get('location'))?.id ?? locations[0]?.id ?? ''
  )
  const location = locations.find((l) => l.id === locationId) ?? locations[0]
  const [slot, setSlot] = useState<PublicSlot | null>(null)
  const [form, setForm] = useState({ name: '', email: '', phone: '', website: '' })
  const [taken, setTaken] = useState(0)
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
        // a fresh day picker asks the server again
        setTaken((n) => n + 1)
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
      {location === undefined ? null : <LocationCard location={location} />}
      <fieldset className="slots">
        <legend>
          Choose a day and a time (local time in {location?.address?.city ?? location?.name ?? 'the clinic'})
        </legend>
        {location === undefined ? null : (
          <DayPicker
            key={`${location.id}-${taken}`}
            slug={slug}
            locationId={location.id}
            locationName={location.name}
            selected={slot?.startsAt ?? null}
            onPick={setSlot}
          />
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
          : `Your consultation: ${formatLocal(slot.startsAtLocal)} to ${formatLocalTime(slot.endsAtLocal.time)} (${clinic.consultationMinutes} minutes) at ${location?.name ?? ''}.`}
      </p>
      <button type="submit" className="button" disabled={slot === null || book.isPending}>
        {book.isPending ? 'Booking…' : 'Book my consultation'}
      </button>
    </form>
  )
}

function Booked({ booking, prefix }: { booking: PublicBooking; prefix: string }) {
  // the manage link is the same one a confirmation email carries; only its path and token matter here
  const manage = (() => {
    try {
      const url = new URL(booking.manageUrl, window.location.origin)
      return `${url.pathname}${url.search}`
    } catch {
      return null
    }
  })()
  const phone = booking.location.phone
  return (
    <div className="card confirmation" role="status">
      <h2>You're booked</h2>
      <p>
        Your free consultation is on <strong>{formatLocal(booking.startsAtLocal)}</strong> for {booking.durationMin}{' '}
        minutes, until {formatLocalTime(booking.endsAtLocal.time)}, at {booking.location.name}.
      </p>
      {booking.confirmationEmailed ? (
        <p>We have emailed you the details with a link to change or cancel it.</p>
      ) : (
        <p>
          The clinic will confirm it with you{phone === null ? '' : ` (or call ${phone})`}. Keep the link below: it is
          the way to see, move or cancel this booking.
        </p>
      )}
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
