// The clinic's locations with their chairs and who works there, and the travel time between each pair: a
// practitioner working at two locations is booked at both on one day only with that time between appointments, and
// not at all on one day while none is set. The owner sets them; everyone sees them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { ApiError, api } from '../api/client.ts'
import type { ClinicLocation, TravelTime } from '../api/types.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { refusalText } from './appointments.ts'
import { clinicPath, useClinicContext, useClinicSetup } from './clinic-context.ts'
import { Toast, type ToastMessage } from './side-panel.tsx'

function useTravelTimes(clinicId: string) {
  return useQuery({
    queryKey: ['clinic', clinicId, 'travel-times'],
    queryFn: async () => (await api<{ items: TravelTime[] }>(clinicPath(clinicId, '/travel-times'))).items,
  })
}

export function LocationsPage() {
  const { clinicId, membership } = useClinicContext()
  const setup = useClinicSetup(clinicId)
  const travel = useTravelTimes(clinicId)
  const [toast, setToast] = useState<ToastMessage | null>(null)
  const say = (ok: boolean, text: string) => setToast((t) => ({ ok, text, id: (t?.id ?? 0) + 1 }))
  return (
    <section aria-labelledby="locations-title">
      <h1 id="locations-title">Locations</h1>
      <Toast message={toast} focus={true} onDismiss={() => setToast(null)} />
      <QueryView query={setup} what="the clinic's locations">
        {(data) =>
          data.locations.length === 0 ? (
            <Empty>
              <p>No locations are set up for this clinic yet.</p>
            </Empty>
          ) : (
            <>
              <div className="columns">
                {data.locations.map((l) => (
                  <section key={l.id} className="card" aria-labelledby={`location-${l.id}`}>
                    <h2 id={`location-${l.id}`}>{l.name}</h2>
                    <p className="muted">Time zone {l.timeZone}</p>
                    <p>
                      <strong>Chairs:</strong> {l.chairs.map((c) => c.name).join(', ') || 'none yet'}
                    </p>
                    <p>
                      <strong>Practitioners:</strong>{' '}
                      {l.practitioners.map((p) => p.displayName).join(', ') || 'nobody works here yet'}
                    </p>
                  </section>
                ))}
              </div>
              {data.locations.length > 1 ? (
                <section className="card" aria-labelledby="travel-title">
                  <h2 id="travel-title">Travel time between locations</h2>
                  <p>
                    A practitioner who works at two locations can be booked at both on one day only with this much time
                    between the end of one appointment (with its cleaning time) and the start of the next. Without a
                    travel time, they work at one location a day.
                  </p>
                  <QueryView query={travel} what="the travel times">
                    {(times) => (
                      <ul className="stack travel-list">
                        {pairs(data.locations).map(([a, b]) => (
                          <TravelRow
                            key={`${a.id}-${b.id}`}
                            clinicId={clinicId}
                            a={a}
                            b={b}
                            minutes={
                              times.find(
                                (t) =>
                                  (t.locationAId === a.id && t.locationBId === b.id) ||
                                  (t.locationAId === b.id && t.locationBId === a.id)
                              )?.minutes ?? null
                            }
                            canEdit={membership.role === 'owner'}
                            say={say}
                          />
                        ))}
                      </ul>
                    )}
                  </QueryView>
                </section>
              ) : null}
            </>
          )
        }
      </QueryView>
    </section>
  )
}

function pairs(locations: ClinicLocation[]): [ClinicLocation, ClinicLocation][] {
  const out: [ClinicLocation, ClinicLocation][] = []
  for (let i = 0; i < locations.length; i++)
    for (let j = i + 1; j < locations.length; j++)
      out.push([locations[i], locations[j]] as [ClinicLocation, ClinicLocation])
  return out
}

function TravelRow(props: {
  clinicId: string
  a: ClinicLocation
  b: ClinicLocation
  minutes: number | null
  canEdit: boolean
  say: (ok: boolean, text: string) => void
}) {
  const { a, b, minutes } = props
  const id = useId()
  const queryClient = useQueryClient()
  const [value, setValue] = useState(minutes === null ? '' : String(minutes))
  const save = useMutation({
    mutationFn: (next: number | null) =>
      api<{ items: TravelTime[] }>(clinicPath(props.clinicId, '/travel-times'), {
        method: 'PUT',
        body: { locationAId: a.id, locationBId: b.id, minutes: next },
      }),
    onSuccess: (_, next) => {
      props.say(
        true,
        next === null
          ? `Travel time between ${a.name} and ${b.name} removed: a practitioner works at one of them a day.`
          : `Travel time between ${a.name} and ${b.name} set to ${next} minutes.`
      )
      if (next === null) setValue('')
      return queryClient.invalidateQueries({ queryKey: ['clinic', props.clinicId] })
    },
  })
  const label = `${a.name} ↔ ${b.name}`
  if (!props.canEdit)
    return (
      <li>
        <strong>{label}</strong>: {minutes === null ? 'not set (one location a day)' : `${minutes} minutes`}
      </li>
    )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(Number(value))
  }
  const error =
    save.error instanceof ApiError ? (save.error.fieldErrors().minutes ?? refusalText(save.error)) : undefined
  return (
    <li>
      <form className="inline-form" onSubmit={submit} noValidate>
        <div className={error === undefined ? 'field' : 'field field-invalid'}>
          <label htmlFor={id}>{label}: minutes of travel</label>
          <input
            id={id}
            type="number"
            min={0}
            max={1440}
            step={5}
            inputMode="numeric"
            value={value}
            placeholder="not set"
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error === undefined ? undefined : true}
            aria-describedby={error === undefined ? undefined : `${id}-error`}
          />
          {error === undefined ? null : (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={save.isPending || value.trim() === ''}>
          Save
        </button>
        {minutes === null ? null : (
          <button
            type="button"
            className="button button-secondary"
            disabled={save.isPending}
            onClick={() => save.mutate(null)}
          >
            Remove
          </button>
        )}
      </form>
    </li>
  )
}
