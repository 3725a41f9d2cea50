// Record a session: where, who, which areas, and the needle and pigment lots used (a recall finds the clients by
// lot). Checked with the domain's schema first; an expired lot or other refusal comes back beside its field.
import { SessionRecordCreateSchema, safeParseWith } from '@stipple/domain'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../api/client.ts'
import { FormErrors, SelectField, TextArea, TextField } from '../ui/field.tsx'
import { clientPath, useClientFile } from './client-api.ts'
import { useClinicContext, useClinicSetup } from './clinic-context.ts'

let rows = 0
/** A stable key for a lot row the person adds or removes. */
const rowKey = () => `row-${rows++}`

const AREAS = ['hairline', 'temples', 'mid-scalp', 'crown', 'sides', 'back', 'scar']

interface Needle {
  key: string
  configuration: string
  lot: string
  expiresOn: string
  singleUseConfirmed: boolean
}
interface Pigment {
  key: string
  brand: string
  shade: string
  dilution: string
  lot: string
  expiresOn: string
}

function localNow(): string {
  const d = new Date()
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset())
  return d.toISOString().slice(0, 16)
}

export function SessionNewPage() {
  const { clinicId, membership } = useClinicContext()
  const { clientId = '' } = useParams()
  const setup = useClinicSetup(clinicId)
  const file = useClientFile(clinicId, clientId)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const done = file.data?.sessions.length ?? 0
  const [form, setForm] = useState({
    locationId: '',
    practitionerId: membership.role === 'practitioner' ? membership.membershipId : '',
    sessionIndex: '',
    performedAt: localNow(),
    areas: ['hairline'] as string[],
    impressions: '',
    durationMinutes: '',
    notes: '',
  })
  const [needles, setNeedles] = useState<Needle[]>([
    { key: rowKey(), configuration: '1RL 0.20', lot: '', expiresOn: '', singleUseConfirmed: false },
  ])
  const [pigments, setPigments] = useState<Pigment[]>([
    { key: rowKey(), brand: '', shade: '', dilution: '1:25', lot: '', expiresOn: '' },
  ])
  const [local, setLocal] = useState<Record<string, string>>({})
  const save = useMutation({
    mutationFn: (body: unknown) => api(clientPath(clinicId, clientId, '/sessions'), { method: 'POST', body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] })
      void navigate(`/clinic/${clinicId}/clients/${clientId}?tab=sessions`)
    },
  })
  const server = save.error instanceof ApiError ? save.error.fieldErrors() : {}
  const err = (path: string) => local[path] ?? server[path]
  const locations = setup.data?.locations ?? []
  const practitioners = setup.data?.practitioners ?? []
  const locationId = form.locationId || locations[0]?.id || ''
  const practitionerId = form.practitionerId || practitioners[0]?.membershipId || ''

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = {
      locationId,
      practitionerId,
      sessionIndex: Number(form.sessionIndex || done + 1),
      performedAt: new Date(form.performedAt).toISOString(),
      areas: form.areas,
      needles: needles.map((n) => ({
        configuration: n.configuration,
        lot: n.lot,
        ...(n.expiresOn ? { expiresOn: n.expiresOn } : {}),
        singleUseConfirmed: n.singleUseConfirmed,
      })),
      pigments: pigments.map(({ key: _key, ...p }) => p),
      ...(form.impressions ? { impressions: Number(form.impressions) } : {}),
      ...(form.durationMinutes ? { durationMinutes: Number(form.durationMinutes) } : {}),
      ...(form.notes ? { notes: form.notes } : {}),
    }
    const parsed = safeParseWith(SessionRecordCreateSchema, body)
    if (!parsed.success) {
      setLocal(Object.fromEntries(parsed.issues.map((i) => [i.path, i.message])))
      return
    }
    setLocal({})
    save.mutate(body)
  }
  const shownKeys = [
    'locationId',
    'practitionerId',
    'sessionIndex',
    'performedAt',
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
    ...(save.error
      ? [save.error.message, ...(save.error instanceof ApiError ? save.error.otherMessages(shownKeys) : [])]
      : []),
  ]

  return (
    <section aria-labelledby="session-title">
      <h1 id="session-title">
        Record a session{file.data ? ` for ${file.data.client.givenName} ${file.data.client.familyName}` : ''}
      </h1>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Session</legend>
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
              value={form.performedAt}
              onChange={(e) => setForm({ ...form, performedAt: e.target.value })}
              error={err('performedAt')}
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
          {needles.map((n, i) => (
            <div key={n.key} className="row lot-row">
              <TextField
                label={`Needle ${i + 1}: configuration`}
                value={n.configuration}
                onChange={(e) =>
                  setNeedles(needles.map((x, j) => (j === i ? { ...x, configuration: e.target.value } : x)))
                }
                error={err(`needles[${i}].configuration`)}
              />
              <TextField
                label={`Needle ${i + 1}: lot`}
                value={n.lot}
                onChange={(e) => setNeedles(needles.map((x, j) => (j === i ? { ...x, lot: e.target.value } : x)))}
                error={err(`needles[${i}].lot`)}
              />
              <TextField
                label={`Needle ${i + 1}: expires on`}
                type="date"
                value={n.expiresOn}
                onChange={(e) => setNeedles(needles.map((x, j) => (j === i ? { ...x, expiresOn: e.target.value } : x)))}
                error={err(`needles[${i}].expiresOn`)}
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
            onClick={() =>
              setNeedles([
                ...needles,
                { key: rowKey(), configuration: '3RL 0.25', lot: '', expiresOn: '', singleUseConfirmed: false },
              ])
            }
          >
            Add a needle
          </button>
        </fieldset>
        <fieldset>
          <legend>Pigments</legend>
          {pigments.map((p, i) => (
            <div key={p.key} className="row lot-row">
              <TextField
                label={`Pigment ${i + 1}: brand`}
                value={p.brand}
                onChange={(e) => setPigments(pigments.map((x, j) => (j === i ? { ...x, brand: e.target.value } : x)))}
                error={err(`pigments[${i}].brand`)}
              />
              <TextField
                label={`Pigment ${i + 1}: shade`}
                value={p.shade}
                onChange={(e) => setPigments(pigments.map((x, j) => (j === i ? { ...x, shade: e.target.value } : x)))}
                error={err(`pigments[${i}].shade`)}
              />
              <TextField
                label={`Pigment ${i + 1}: dilution`}
                value={p.dilution}
                onChange={(e) =>
                  setPigments(pigments.map((x, j) => (j === i ? { ...x, dilution: e.target.value } : x)))
                }
                error={err(`pigments[${i}].dilution`)}
              />
              <TextField
                label={`Pigment ${i + 1}: lot`}
                value={p.lot}
                onChange={(e) => setPigments(pigments.map((x, j) => (j === i ? { ...x, lot: e.target.value } : x)))}
                error={err(`pigments[${i}].lot`)}
              />
              <TextField
                label={`Pigment ${i + 1}: expires on`}
                type="date"
                value={p.expiresOn}
                onChange={(e) =>
                  setPigments(pigments.map((x, j) => (j === i ? { ...x, expiresOn: e.target.value } : x)))
                }
                error={err(`pigments[${i}].expiresOn`)}
              />
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setPigments([
                ...pigments,
                { key: rowKey(), brand: '', shade: '', dilution: '1:25', lot: '', expiresOn: '' },
              ])
            }
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
