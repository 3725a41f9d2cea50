// The page the booking email links to: see the consultation, move it to another free time, or cancel it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/client.ts'
import type { PublicBooking, PublicSlot } from '../api/types.ts'
import { addDays, formatDateTime, formatTime, todayIn } from '../ui/format.ts'
import { Empty, ErrorNote, Loading, QueryView } from '../ui/states.tsx'
import { bookingPath, DEFAULT_CLINIC_SLUG, useAvailability } from './clinic-api.ts'

export function ManageBookingPage() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const booking = useQuery({
    queryKey: ['booking', token],
    enabled: token !== '',
    queryFn: () => api<PublicBooking>(bookingPath(token)),
  })
  return (
    <main id="main" className="public narrow">
      <h1>Your consultation</h1>
      {token === '' ? (
        <Empty>
          <p>This link is incomplete. Open the link in your booking email again, or call the clinic.</p>
        </Empty>
      ) : (
        <QueryView query={booking} what="your booking">
          {(b) => <Manage token={token} booking={b} />}
        </QueryView>
      )}
    </main>
  )
}

function Manage({ token, booking }: { token: string; booking: PublicBooking }) {
  const queryClient = useQueryClient()
  const timeZone = booking.location.timeZone
  const [moving, setMoving] = useState(false)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['booking', token] })
  const cancel = useMutation({
    mutationFn: () => api(`${bookingPath(token)}/cancel`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  })
  const reschedule = useMutation({
    mutationFn: (startsAt: string) => api(`${bookingPath(token)}/reschedule`, { method: 'POST', body: { startsAt } }),
    onSuccess: () => {
      setMoving(false)
      void refresh()
    },
  })
  if (booking.status === 'cancelled')
    return (
      <div className="card">
        <p>This consultation is cancelled.</p>
        <p>
          <Link to="/book">Book another time</Link>
        </p>
      </div>
    )
  return (
    <div className="card">
      <p>
        <strong>{formatDateTime(booking.startsAt, timeZone)}</strong>
        {` at ${booking.location.name}, ${booking.clinicName}`}
      </p>
      {cancel.isError ? <ErrorNote error={cancel.error} /> : null}
      {reschedule.isError ? <ErrorNote error={reschedule.error} /> : null}
      <p className="actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setMoving(!moving)}
          aria-expanded={moving}
        >
          Choose another time
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={cancel.isPending}
          onClick={() => {
            if (window.confirm('Cancel this consultation?')) cancel.mutate()
          }}
        >
          Cancel the consultation
        </button>
      </p>
      {moving ? (
        <Reschedule
          slug={DEFAULT_CLINIC_SLUG}
          locationId={booking.location.id}
          timeZone={timeZone}
          pending={reschedule.isPending}
          onPick={(s) => reschedule.mutate(s.startsAt)}
        />
      ) : null}
    </div>
  )
}

function Reschedule(props: {
  slug: string
  locationId: string
  timeZone: string
  pending: boolean
  onPick: (slot: PublicSlot) => void
}) {
  const from = todayIn(props.timeZone)
  const slots = useAvailability(props.slug, props.locationId, from, addDays(from, 14))
  if (slots.isPending) return <Loading what="free times" />
  if (slots.isError) return <ErrorNote error={slots.error} retry={() => void slots.refetch()} />
  if (slots.data.length === 0) return <p>No free times in the next two weeks. Please call the clinic.</p>
  return (
    <ul className="slot-list">
      {slots.data.map((s) => (
        <li key={s.startsAt}>
          <button type="button" className="slot" disabled={props.pending} onClick={() => props.onPick(s)}>
            {formatDateTime(s.startsAt, props.timeZone).replace(`, ${formatTime(s.startsAt, props.timeZone)}`, '')}{' '}
            {formatTime(s.startsAt, props.timeZone)}
          </button>
        </li>
      ))}
    </ul>
  )
}
