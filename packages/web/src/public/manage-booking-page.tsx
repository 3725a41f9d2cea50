// The page the booking email links to: see the consultation, move it to another free time, or cancel it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api } from '../api/client.ts'
import type { PublicBooking, PublicSlot } from '../api/types.ts'
import { formatLocal, formatLocalTime } from '../ui/format.ts'
import { Empty, ErrorNote, QueryView } from '../ui/states.tsx'
import { bookingPath, DEFAULT_CLINIC_SLUG } from './clinic-api.ts'
import { DayPicker } from './day-picker.tsx'

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
  const [moving, setMoving] = useState(false)
  const [picked, setPicked] = useState<PublicSlot | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['booking', token] })
  const cancel = useMutation({
    mutationFn: () => api(`${bookingPath(token)}/cancel`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  })
  const reschedule = useMutation({
    mutationFn: (startsAt: string) => api(`${bookingPath(token)}/reschedule`, { method: 'POST', body: { startsAt } }),
    onSuccess: () => {
      setMoving(false)
      setPicked(null)
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
        <strong>{formatLocal(booking.startsAtLocal)}</strong>
        {` to ${formatLocalTime(booking.endsAtLocal.time)} (${booking.durationMin} minutes), at ${booking.location.name}, ${booking.clinicName}`}
      </p>
      {booking.location.phone === null ? null : (
        <p>
          Questions? Call <a href={`tel:${booking.location.phone.replace(/[^+0-9]/g, '')}`}>{booking.location.phone}</a>
          .
        </p>
      )}
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
        <>
          <DayPicker
            slug={DEFAULT_CLINIC_SLUG}
            locationId={booking.location.id}
            locationName={booking.location.name}
            selected={picked?.startsAt ?? null}
            disabled={reschedule.isPending}
            onPick={setPicked}
          />
          {picked === null ? null : (
            <p className="actions">
              <button
                type="button"
                className="button"
                disabled={reschedule.isPending}
                onClick={() => reschedule.mutate(picked.startsAt)}
              >
                {reschedule.isPending ? 'Moving…' : `Move it to ${formatLocal(picked.startsAtLocal)}`}
              </button>
            </p>
          )}
        </>
      ) : null}
    </div>
  )
}
