// Record a session: the appointment it follows (today's pre-fills where and who), which areas, and the needle and
// pigment lots used, chosen from the location's lots register (a recall finds the clients by lot). Checked with the
// domain's schema first; the server refuses a session without the current consent, with a screening that defers or
// refuses it, or with an unknown or expired lot, and says why; the owner alone may override with a written reason.
import { type Lot, OVERRIDE_REASON_CHARS, SessionRecordCreateSchema, safeParseWith } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api, withQuery } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import type { Appointment } from '../api/types.ts'
import { useClientFile, usePlans } from '../api/use-client-file.ts'
import { FormErrors, SelectField, TextArea, TextField } from '../ui/field.tsx'
import { addDays, formatLocal } from '../ui/format.ts'
import { clinicPath, useClinicContext, useClinicSetup } from './clinic-context.ts'

let rows = 0
/** A stable key for a lot row the person adds or removes. */
const rowKey = () => `row-${rows++}`

const AREAS = ['hairline', 'temples', 'mid-scalp', 'crown', 'sides', 'back', 'scar']

interface Needle {
  key: string
  lotId: string
  singleUseConfirmed: boolean
}
interface Pigment {
  key: string
  lotId: string
  dilution: string
}

/** The value of a datetime-local field for a wall-clock time the server computed at the location (no zone maths). */
const localInput = (at: { date: string; time: string }) => `${at.date}T${at.time}`

const lotLabel = (l: Lot) =>
  `${l.brand} ${l.kind === 'pigment' ? l.shade : l.configuration} · lot ${l.lot} · expires ${l.expiresOn}${l.expired ? ' (expired: do not use)' : ''}`

export function SessionNewPage() {
  const { clinicId, membership } = useClinicContext()
  const { clientId = '' } = useParams()
  const setup = useClinicSetup(clinicId)
  const file = useClientFile(clinicId, clientId)
  const plans = usePlans(clinicId, clientId)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const done = file.data?.sessions.length ?? 0
  const [form, setForm] = useState({
    appointmentId: '',
    locationId: '',
    practitionerId: membership.role === 'practitioner' ? membership.membershipId : '',
    sessionIndex: '',
    /** The location's wall clock ('YYYY-MM-DDTHH:MM'); empty until set: the location's time now is shown. */
    performedAt: '',
    areas: ['hairline'] as string[],
    impressions: '',
    durationMinutes: '',
    notes: '',
  })
  const [needles, setNeedles] = useState<Needle[]>([{ key: rowKey(), lotId: '', singleUseConfirmed: false }])
  const [pigments, setPigments] = useState<Pigment[]>([{ key: rowKey(), lotId: '', dilution: '' }])
  const [override, setOverride] = useState({ on: false, reason: '' })
  const [local, setLocal] = useState<Record<string, string>>({})
  const locations = setup.data?.locations ?? []
  const practitioners = setup.data?.practitioners ?? []
  const locationId = form.locationId || locations[0]?.id || ''
  const practitionerId = form.practitionerId || practitioners[0]?.membershipId || ''
  const location = locations.find((l) => l.id === locationId)
  const performedAt = form.performedAt || (location ? localInput(location.now) : '')
  // "today" is each location's date now, from the server; the day either side covers every location's today
  const todays = locations.map((l) => l.now.date).sort()
  const firstDay = todays[0]
  const lastDay = todays[todays.length - 1]
  const appointments = useQuery({
    queryKey: ['clinic', clinicId, 'client', clientId, 'appointments-today', firstDay, lastDay],
    enabled: firstDay !== undefined && lastDay !== undefined,
    queryFn: async () =>
      (
        await api<{ items: Appointment[] }>(
          withQuery(clinicPath(clinicId, '/appointments'), {
            from: addDays(firstDay ?? '', -1),
            to: addDays(lastDay ?? '', 1),
            clientId,
          })
        )
      ).items.filter(
        (a) => (a.kind === 'smp-session' || a.kind === 'touch-up') && a.status !== 'cancelled' && a.status !== 'no-show'
      ),
  })
  const lots = useQuery({
    queryKey: ['clinic', clinicId, 'lots', locationId],
    enabled: locationId !== '',
    queryFn: async () => (await api<{ items: Lot[] }>(withQuery(clinicPath(clinicId, '/lots'), { locationId }))).items,
  })
  const pigmentLots = (lots.data ?? []).filter((l) => l.kind === 'pigment')
  const needleLots = (lots.data ?? []).filter((l) => l.kind === 'needle')
  const sessionIndex = Number(form.sessionIndex || done + 1)
  // the plan's dilution for this session is the default (the newest plan is the client's plan)
  const planSession = plans.data?.[0]?.plan.sessions.find((x) => x.index === sessionIndex)
  const planDilution = planSession?.shadeDilution ?? '1:25'

  // today's appointment pre-fills where, who, when and which session
  const chooseAppointment = (id: string) => {
    const a = appointments.data?.find((x) => x.id === id)
    setForm((f) => ({
      ...f,
      appointmentId: id,
      ...(a
        ? {
            locationId: a.locationId,
            practitionerId: a.practitionerId,
            performedAt: localInput(a.startsAtLocal),
            sessionIndex: a.courseIndex ? String(a.courseIndex) : f.sessionIndex,
          }
        : {}),
    }))
  }
  const prefilled = useRef(false)
  useEffect(() => {
    const first = appointments.data?.find((a) => a.status === 'booked')
    if (prefilled.current || first === undefined) return
    prefilled.current = true
    chooseAppointment(first.id)
  })

  const save = useMutation({
    mutationFn: (body: unknown) => api(clientPath(clinicId, clientId, '/sessions'), { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] })
      void navigate(`/clinic/${clinicId}/clients/${clientId}?tab=sessions`)
    },
  })
  const server = save.error instanceof ApiError ? save.error.fieldErrors() : {}
  const refusals =
    save.error instanceof ApiError
      ? save.error.problems.filter((p) => p.path === 'consent' || p.path === 'screening').map((p) => p.message)
      : []
  const err = (path: string) => local[path] ?? server[path]

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problems: Record<string, string> = {}
    const needleBodies = needles.map((n, i) => {
      const lot = needleLots.find((l) => l.id === n.lotId)
      if (lot === undefined) problems[`needles[${i}].lot`] = 'choose the cartridge lot from the register'
      return {
        configuration: lot?.configuration ?? '',
        manufacturer: lot?.brand ?? '',
        lot: lot?.lot ?? '',
        ...(lot ? { expiresOn: lot.expiresOn } : {}),
        singleUseConfirmed: n.singleUseConfirmed,
      }
    })
    const pigmentBodies = pigments.map((p, i) => {
      const lot = pigmentLots.find((l) => l.id === p.lotId)
      if (lot === undefined) problems[`pigments[${i}].lot`] = 'choose the pigment lot from the register'
      return {
        brand: lot?.brand ?? '',
        shade: lot?.shade ?? '',
        dilution: p.dilution || planDilution,
        lot: lot?.lot ?? '',
        expiresOn: lot?.expiresOn ?? '',
      }
    })
    const body = {
      ...(form.appointmentId ? { appointmentId: form.appointmentId } : {}),
      ...(override.on ? { override: { reason: override.reason } } : {}),
      locationId,
      practitionerId,
      sessionIndex,
      performedAtLocal: { date: performedAt.slice(0, 10), time: performedAt.slice(11, 16) },
      areas: form.areas,
      needles: needleBodies,
      pigments: pigmentBodies,
      ...(form.impressions ? { impressions: Number(form.impressions) } : {}),
      ...(form.durationMinutes ? { durationMinutes: Number(form.durationMinutes) } : {}),
      ...(form.notes ? { notes: form.notes } : {}),
    }
    const parsed = safeParseWith(SessionRecordCreateSchema, body)
    const all = {
      // the date and time are one field on this form
      ...Object.fromEntries(
        (parsed.success ? [] : parsed.issues).map((i) => [
          i.path.startsWith('performedAtLocal') ? 'performedAt' : i.path,
          i.message,
        ])
      ),
      ...problems,
    }
    if (Object.keys(all).length > 0) {
      setLocal(all)
      return
    }
    setLocal({})
    save.mutate(body)
  }
  const shownKeys = [
    'appointmentId',
    'override',
    'override.reason',
    'consent',
    'screening',
    'locationId',
    'practitionerId',
    'sessionIndex',
    'performedAt',
    'performedAtLocal.date',
    'performedAtLocal.time',
    'areas',
    'impressions',
    'durationMinutes',
    'notes',
  ]
  for (let i = 0; i < needles.length; i++)
    shownKeys.push(...['configuration', 'lot', 'expiresOn', 'singleUseConfirmed'].map((k) => `needles[${i}].${k}`))
  for (let i = 0; i < pigments.length; i++)
    shownKeys.push(...['brand', 'shade', 'dilution', 'lot', 'expiresOn'].map((k) => `pigments[${i}].${k}`))
  const messages = [
    ...(Object.keys(local).length > 0 ? ['Some details need correcting: see the marked fields.'] : []),
    ...(save.error && refusals.length === 0
      ? [save.error.message, ...(save.error instanceof ApiError ? save.error.otherMessages(shownKeys) : [])]
      : []),
  ]
  const lotOptions = (list: Lot[], what: string) => [
    { value: '', label: list.length === 0 ? `No ${what} lots in this location's register` : `Choose the ${what} lot` },
    ...list.filter((l) => !l.expired).map((l) => ({ value: l.id, label: lotLabel(l) })),
  ]
  const expiredCount = (lots.data ?? []).filter((l) => l.expired).length

  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">
        Record a session{file.data ? ` for ${file.data.client.givenName} ${file.data.client.familyName}` : ''}
      </h1>
      <form className="form" onSubmit={submit} noValidate>
        {refusals.length > 0 ? (
          <div className="card refusal" role="alert" aria-labelledby="refusal-title">
            <h2 id="refusal-title">This session cannot be recorded</h2>
            <ul>
              {refusals.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
            {membership.role === 'owner' ? (
              <div className="stack">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={override.on}
                    onChange={(e) => setOverride({ ...override, on: e.target.checked })}
                  />{' '}
                  Override as the owner: the session goes ahead, with my written reason on the record
                </label>
                {override.on ? (
                  <TextArea
                    label="Reason for the override"
                    hint={`At least ${OVERRIDE_REASON_CHARS.min} characters; it is kept on the record and in the audit log.`}
                    maxLength={OVERRIDE_REASON_CHARS.max}
                    value={override.reason}
                    onChange={(e) => setOverride({ ...override, reason: e.target.value })}
                    error={err('override.reason') ?? err('override')}
                  />
                ) : null}
              </div>
            ) : (
              <p>Only the clinic’s owner can override this, with a written reason.</p>
            )}
          </div>
        ) : null}
        <fieldset>
          <legend>Session</legend>
          <SelectField
            label="Appointment"
            value={form.appointmentId}
            onChange={(e) => chooseAppointment(e.target.value)}
            error={err('appointmentId')}
            hint="Recording the session marks its appointment completed."
            options={[
              { value: '', label: appointments.data?.length ? 'Not from an appointment' : 'No appointment today' },
              ...(appointments.data ?? []).map((a) => ({
                value: a.id,
                label: `${formatLocal(a.startsAtLocal)} · ${a.kind === 'touch-up' ? 'touch-up' : `session${a.courseIndex ? ` ${a.courseIndex}` : ''}`}${a.practitionerName ? ` with ${a.practitionerName}` : ''}${a.status === 'completed' ? ' (completed)' : ''}`,
              })),
            ]}
          />
          <div className="row">
            <SelectField
              label="Location"
              value={locationId}
              onChange={(e) => setForm({ ...form, locationId: e.target.value })}
              error={err('locationId')}
              options={locations.map((l) => ({ value: l.id, label: l.name }))}
            />
            <SelectField
              label="Practitioner"
              value={practitionerId}
              onChange={(e) => setForm({ ...form, practitionerId: e.target.value })}
              error={err('practitionerId')}
              options={practitioners.map((p) => ({ value: p.membershipId, label: p.displayName }))}
            />
            <TextField
              label="Session number"
              type="number"
              inputMode="numeric"
              min={1}
              placeholder={String(done + 1)}
              value={form.sessionIndex}
              onChange={(e) => setForm({ ...form, sessionIndex: e.target.value })}
              error={err('sessionIndex')}
            />
            <TextField
              label="Performed at"
              type="datetime-local"
              value={performedAt}
              onChange={(e) => setForm({ ...form, performedAt: e.target.value })}
              error={err('performedAt') ?? err('performedAtLocal.date') ?? err('performedAtLocal.time')}
            />
          </div>
          <fieldset className="checks">
            <legend className="checks-title">Areas treated</legend>
            {AREAS.map((a) => (
              <label key={a} className="check">
                <input
                  type="checkbox"
                  checked={form.areas.includes(a)}
                  onChange={() =>
                    setForm({
                      ...form,
                      areas: form.areas.includes(a) ? form.areas.filter((x) => x !== a) : [...form.areas, a],
                    })
                  }
                />{' '}
                {a}
              </label>
            ))}
            {err('areas') ? <span className="field-error">{err('areas')}</span> : null}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>Needle cartridges</legend>
          <p className="muted">
            From the lots register of this location.{' '}
            {expiredCount > 0 ? `${expiredCount} expired lot${expiredCount === 1 ? ' is' : 's are'} not offered. ` : ''}
            <Link to={`/clinic/${clinicId}/lots`}>Add a lot to the register</Link>
          </p>
          {needles.map((n, i) => (
            <div key={n.key} className="row lot-row">
              <SelectField
                label={`Needle ${i + 1}: lot`}
                value={n.lotId}
                onChange={(e) => setNeedles(needles.map((x, j) => (j === i ? { ...x, lotId: e.target.value } : x)))}
                error={err(`needles[${i}].lot`) ?? err(`needles[${i}].configuration`) ?? err(`needles[${i}].expiresOn`)}
                options={lotOptions(needleLots, 'needle')}
              />
              <label className="check">
                <input
                  type="checkbox"
                  checked={n.singleUseConfirmed}
                  onChange={(e) =>
                    setNeedles(needles.map((x, j) => (j === i ? { ...x, singleUseConfirmed: e.target.checked } : x)))
                  }
                />{' '}
                New sealed single-use cartridge
                {err(`needles[${i}].singleUseConfirmed`) ? (
                  <span className="field-error"> {err(`needles[${i}].singleUseConfirmed`)}</span>
                ) : null}
              </label>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setNeedles([...needles, { key: rowKey(), lotId: '', singleUseConfirmed: false }])}
          >
            Add a needle
          </button>
        </fieldset>
        <fieldset>
          <legend>Pigments</legend>
          {pigments.map((p, i) => (
            <div key={p.key} className="row lot-row">
              <SelectField
                label={`Pigment ${i + 1}: lot`}
                value={p.lotId}
                onChange={(e) => setPigments(pigments.map((x, j) => (j === i ? { ...x, lotId: e.target.value } : x)))}
                error={
                  err(`pigments[${i}].lot`) ??
                  err(`pigments[${i}].brand`) ??
                  err(`pigments[${i}].shade`) ??
                  err(`pigments[${i}].expiresOn`)
                }
                options={lotOptions(pigmentLots, 'pigment')}
              />
              <TextField
                label={`Pigment ${i + 1}: dilution`}
                placeholder={planDilution}
                hint={planSession ? `The plan's dilution for session ${sessionIndex}: ${planDilution}` : undefined}
                value={p.dilution}
                onChange={(e) =>
                  setPigments(pigments.map((x, j) => (j === i ? { ...x, dilution: e.target.value } : x)))
                }
                error={err(`pigments[${i}].dilution`)}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setPigments([...pigments, { key: rowKey(), lotId: '', dilution: '' }])}
          >
            Add a pigment
          </button>
        </fieldset>
        <fieldset>
          <legend>Notes</legend>
          <div className="row">
            <TextField
              label="Impressions (approximate)"
              type="number"
              inputMode="numeric"
              min={0}
              value={form.impressions}
              onChange={(e) => setForm({ ...form, impressions: e.target.value })}
              error={err('impressions')}
            />
            <TextField
              label="Duration (minutes)"
              type="number"
              inputMode="numeric"
              min={1}
              value={form.durationMinutes}
              onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })}
              error={err('durationMinutes')}
            />
          </div>
          <TextArea
            label="Notes"
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.target.value })}
            error={err('notes')}
          />
        </fieldset>
        <FormErrors messages={messages} />
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the session'}
        </button>
      </form>
    </section>
  )
}
