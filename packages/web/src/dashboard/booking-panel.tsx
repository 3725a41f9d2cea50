// Booking from the calendar: any kind, for a client found by name, email or phone (the server searches) or a new
// client made in the same flow; a walk-in takes the first free time today. A refusal shows the server's reason and
// the next free times it offers, each one click to book.
import type { Client, ClientSummary } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { Link } from 'react-router'
import { ApiError, api } from '../api/client.ts'
import type { Appointment, AvailabilitySlot, ClinicLocation, FreeTime } from '../api/types.ts'
import { FormErrors, SelectField, TextField } from '../ui/field.tsx'
import { formatLocalTime } from '../ui/format.ts'
import {
  KIND_OPTIONS,
  kindLabel,
  type NewBooking,
  offeredTimes,
  refusalText,
  useBook,
  useStatusChange,
  whenLabel,
} from './appointments.ts'
import { clinicPath } from './clinic-context.ts'
import { SidePanel } from './side-panel.tsx'

export interface BookingDraft {
  locationId: string
  date: string
  time: string
  practitionerId: string
  chairId: string
  /** A walk-in: the first free time today, and the client is checked in once booked. */
  walkIn?: boolean
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return settled
}

function useClientSearch(clinicId: string, text: string) {
  const q = useDebounced(text.trim(), 250)
  return useQuery({
    queryKey: ['clinic', clinicId, 'clients', 'search', q],
    enabled: q.length >= 2,
    queryFn: async () =>
      (await api<{ items: ClientSummary[] }>(clinicPath(clinicId, '/clients'), { query: { q, limit: 8 } })).items,
  })
}

/** The first free time today at the location for this kind (the server's availability, from now on). */
function useFirstFree(clinicId: string, location: ClinicLocation, kind: string, enabled: boolean) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'availability', 'walk-in', location.id, kind, location.now.date],
    enabled,
    queryFn: async () => {
      const { slots } = await api<{ slots: AvailabilitySlot[] }>(clinicPath(clinicId, '/availability'), {
        query: { locationId: location.id, kind, from: location.now.date, to: location.now.date },
      })
      return slots[0] ?? null
    },
  })
}

export function BookingPanel(props: {
  clinicId: string
  locations: ClinicLocation[]
  draft: BookingDraft
  onClose: () => void
  onBooked: (a: Appointment, text: string) => void
}) {
  const { clinicId, onClose } = props
  const titleId = useId()
  const queryClient = useQueryClient()
  const [draft, setDraft] = useState(props.draft)
  const [kind, setKind] = useState('consultation')
  const location = props.locations.find((l) => l.id === draft.locationId) ?? props.locations[0]
  const [search, setSearch] = useState('')
  const [client, setClient] = useState<{ id: string; name: string } | null>(null)
  const [newClient, setNewClient] = useState<null | {
    givenName: string
    familyName: string
    email: string
    phone: string
  }>(null)
  const [careEmail, setCareEmail] = useState(false)
  const found = useClientSearch(clinicId, search)
  const book = useBook(clinicId)
  const status = useStatusChange(clinicId)
  const first = useFirstFree(
    clinicId,
    location as ClinicLocation,
    kind,
    draft.walkIn === true && location !== undefined
  )
  // a walk-in takes the first free time the server finds today
  useEffect(() => {
    const slot = first.data
    if (draft.walkIn !== true || slot === undefined || slot === null) return
    setDraft((d) => ({
      ...d,
      date: slot.startsAtLocal.date,
      time: slot.startsAtLocal.time,
      practitionerId: slot.practitionerId,
      chairId: slot.chairId,
    }))
  }, [first.data, draft.walkIn])
  const createClient = useMutation({
    mutationFn: (c: NonNullable<typeof newClient>) =>
      api<Client>(clinicPath(clinicId, '/clients'), {
        method: 'POST',
        body: {
          givenName: c.givenName,
          familyName: c.familyName,
          email: c.email.trim() || null,
          phone: c.phone.trim() || null,
          stage: 'enquiry',
          homeLocationId: draft.locationId,
          consents: { careEmail, careSms: false, marketingEmail: false, marketingSms: false },
        },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'clients'] }),
  })
  if (location === undefined) return null
  const practitioners = location.practitioners
  const chairs = location.chairs.filter((c) => c.active !== false)

  const finish = async (booking: NewBooking, who: string) => {
    const a = await book.mutateAsync(booking)
    let text = `Booked ${who} for ${kindLabel(a).toLowerCase()} on ${whenLabel(a.startsAtLocal)} with ${a.practitionerName ?? 'the practitioner'}`
    if (draft.walkIn === true) {
      await status.mutateAsync({ id: a.id, action: 'arrive' })
      text = `${text}; checked in`
    }
    props.onBooked(a, `${text}.`)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    book.reset()
    let chosen = client
    if (chosen === null && newClient !== null) {
      const made = await createClient.mutateAsync(newClient).catch(() => null)
      if (made === null) return
      chosen = { id: made.id, name: `${made.givenName} ${made.familyName}` }
      setClient(chosen)
      setNewClient(null)
    }
    if (chosen === null) return
    await finish(
      {
        locationId: draft.locationId,
        practitionerId: draft.practitionerId,
        ...(draft.chairId ? { chairId: draft.chairId } : {}),
        clientId: chosen.id,
        kind,
        startsAtLocal: { date: draft.date, time: draft.time },
      },
      chosen.name
    ).catch(() => undefined)
  }

  const bookOffered = (t: FreeTime) => {
    if (client === null) return
    book.reset()
    void finish(
      {
        locationId: t.locationId,
        practitionerId: t.practitionerId,
        chairId: t.chairId,
        clientId: client.id,
        kind,
        startsAt: t.startsAt,
      },
      client.name
    ).catch(() => undefined)
  }

  const clientErrors = createClient.error instanceof ApiError ? createClient.error.fieldErrors() : {}
  const bookErrors = book.error instanceof ApiError ? book.error.fieldErrors() : {}
  const offered = offeredTimes(book.error)
  const pending = book.isPending || createClient.isPending || status.isPending
  const title = draft.walkIn === true ? 'Walk-in' : 'New booking'
  return (
    <SidePanel title={`${title} at ${location.name}`} titleId={titleId} onClose={onClose}>
      <form className="form booking-form" onSubmit={submit} noValidate aria-label={title}>
        {draft.walkIn === true ? (
          <p className="muted" role="status">
            {first.isPending
              ? 'Finding the first free time today…'
              : first.data
                ? `First free today: ${formatLocalTime(first.data.startsAtLocal.time)}.`
                : 'Nothing is free today at this location for this kind of appointment; choose another day below.'}
          </p>
        ) : null}
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} options={KIND_OPTIONS} />
        <fieldset className="client-pick">
          <legend>Client</legend>
          {client !== null ? (
            <p className="chosen-client">
              <strong>{client.name}</strong>{' '}
              <button type="button" className="button button-secondary" onClick={() => setClient(null)}>
                Change client
              </button>
            </p>
          ) : newClient !== null ? (
            <div className="stack">
              <div className="row">
                <TextField
                  label="Given name"
                  value={newClient.givenName}
                  onChange={(e) => setNewClient({ ...newClient, givenName: e.target.value })}
                  error={clientErrors.givenName}
                  autoComplete="off"
                />
                <TextField
                  label="Family name"
                  value={newClient.familyName}
                  onChange={(e) => setNewClient({ ...newClient, familyName: e.target.value })}
                  error={clientErrors.familyName}
                  autoComplete="off"
                />
              </div>
              <div className="row">
                <TextField
                  label="Email"
                  type="email"
                  value={newClient.email}
                  onChange={(e) => setNewClient({ ...newClient, email: e.target.value })}
                  error={clientErrors.email}
                  autoComplete="off"
                />
                <TextField
                  label="Phone"
                  type="tel"
                  value={newClient.phone}
                  onChange={(e) => setNewClient({ ...newClient, phone: e.target.value })}
                  error={clientErrors.phone}
                  autoComplete="off"
                />
              </div>
              <label className="check">
                <input type="checkbox" checked={careEmail} onChange={(e) => setCareEmail(e.target.checked)} /> The
                client agrees to emails about their care (reminders, pre-care, aftercare)
              </label>
              <FormErrors
                messages={
                  createClient.error
                    ? [
                        // field problems are said under their fields; above them, a sentence a person reads
                        Object.keys(clientErrors).length > 0
                          ? 'Please check the highlighted fields.'
                          : refusalText(createClient.error),
                      ]
                    : []
                }
              />
              <button type="button" className="button button-secondary" onClick={() => setNewClient(null)}>
                Find an existing client instead
              </button>
            </div>
          ) : (
            <div className="stack">
              <TextField
                label="Find a client"
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                hint="Name, email or phone"
                autoComplete="off"
              />
              {search.trim().length >= 2 && found.data !== undefined ? (
                found.data.length === 0 ? (
                  <p className="muted">No client matches “{search.trim()}”.</p>
                ) : (
                  <ul className="pick-list" aria-label="Matching clients">
                    {found.data.map((c) => (
                      <li key={c.id}>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => setClient({ id: c.id, name: `${c.givenName} ${c.familyName}` })}
                        >
                          {c.givenName} {c.familyName}
                          <span className="muted"> {[c.email, c.phone].filter(Boolean).join(' · ')}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )
              ) : null}
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  const words = search.trim().split(/\s+/)
                  const looksLikeName = !/[@\d]/.test(search)
                  setNewClient({
                    givenName: looksLikeName ? (words[0] ?? '') : '',
                    familyName: looksLikeName ? words.slice(1).join(' ') : '',
                    email: search.includes('@') ? search.trim() : '',
                    phone: /^\+?[\d ().-]{5,}$/.test(search.trim()) ? search.trim() : '',
                  })
                }}
              >
                New client
              </button>
            </div>
          )}
        </fieldset>
        <div className="row">
          <TextField
            label="Date"
            type="date"
            value={draft.date}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
            error={bookErrors.startsAtLocal ?? bookErrors['startsAtLocal.date']}
          />
          <TextField
            label="Time"
            type="time"
            step={900}
            value={draft.time}
            onChange={(e) => setDraft({ ...draft, time: e.target.value })}
          />
        </div>
        <div className="row">
          <SelectField
            label="Practitioner"
            value={draft.practitionerId}
            onChange={(e) => setDraft({ ...draft, practitionerId: e.target.value })}
            options={practitioners.map((p) => ({ value: p.membershipId, label: p.displayName }))}
          />
          <SelectField
            label="Chair"
            value={draft.chairId}
            onChange={(e) => setDraft({ ...draft, chairId: e.target.value })}
            options={[{ value: '', label: 'Any free chair' }, ...chairs.map((c) => ({ value: c.id, label: c.name }))]}
          />
        </div>
        {kind === 'smp-session' && client !== null ? (
          <p>
            A course of sessions?{' '}
            <Link to={`/clinic/${clinicId}/clients/${client.id}/course`}>
              Book the whole course from {client.name}'s plan
            </Link>
          </p>
        ) : null}
        {book.error ? (
          <Refusal error={book.error} offered={offered} verb="Book" pending={pending} onPick={bookOffered} />
        ) : null}
        <button
          type="submit"
          className="button"
          disabled={pending || (client === null && newClient === null) || draft.practitionerId === ''}
        >
          {pending ? 'Booking…' : newClient !== null ? 'Save the client and book' : 'Book'}
        </button>
      </form>
    </SidePanel>
  )
}

/** The server's reason for a refusal and the free times it offered, each one click away. */
export function Refusal(props: {
  error: unknown
  offered: FreeTime[]
  verb: 'Book' | 'Move'
  pending: boolean
  onPick: (t: FreeTime) => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  // the reason and the times offered are where the eye and the focus go next (not <body>), so a screen reader reads
  // them and the keyboard reaches the offered times from there
  useEffect(() => {
    if (props.error) {
      heading.current?.scrollIntoView({ block: 'nearest' })
      heading.current?.focus({ preventScroll: true })
    }
  }, [props.error])
  return (
    <div className="refusal" role="alert">
      <h3 className="refusal-title" tabIndex={-1} ref={heading}>
        {props.verb === 'Book' ? 'Not booked' : 'Not moved'}
      </h3>
      <p className="form-error">{refusalText(props.error)}</p>
      {props.offered.length > 0 ? (
        <>
          <p>Free times that would work, nearest first:</p>
          <ul className="pick-list">
            {props.offered.map((t) => (
              <li key={`${t.startsAt}-${t.practitionerId}-${t.chairId}`}>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={props.pending}
                  onClick={() => props.onPick(t)}
                >
                  {props.verb} {whenLabel(t.startsAtLocal)} with {t.practitionerName}
                  {t.chairName ? ` · ${t.chairName}` : ''}
                  {t.locationName ? ` · ${t.locationName}` : ''}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
