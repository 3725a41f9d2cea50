// Record an intake at the consultation: pattern, skin and hair, and the health questions screening needs. Checked
// with the domain's intake schema before it is sent, then the consultation (screening, design, plan) runs on it.

import type { IntakeRecord } from '@stipple/domain'
import { INTAKE_SCHEMA_V1, parseIntake } from '@stipple/domain'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { ApiError, api, messageOf } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import { FormErrors, SelectField, TextField } from '../ui/field.tsx'
import { useClinicContext, useClinicSetup } from './clinic-context.ts'

const NORWOOD = ['I', 'II', 'IIa', 'III', 'IIIa', 'III-vertex', 'IV', 'IVa', 'V', 'Va', 'VI', 'VII']
const LUDWIG = ['I', 'II', 'III']
const CONDITIONS: [string, string][] = [
  ['keloid-prone', 'Prone to keloid scars'],
  ['psoriasis-scalp-active', 'Active psoriasis on the scalp'],
  ['eczema-scalp-active', 'Active eczema on the scalp'],
  ['folliculitis-active', 'Active folliculitis'],
  ['seborrheic-dermatitis-active', 'Active seborrhoeic dermatitis'],
  ['alopecia-areata-active', 'Active (changing) alopecia areata'],
  ['pregnant', 'Pregnant'],
  ['breastfeeding', 'Breastfeeding'],
  ['bleeding-disorder', 'Bleeding disorder'],
  ['diabetes-uncontrolled', 'Uncontrolled diabetes'],
  ['sunburn-scalp', 'Sunburn on the scalp'],
]
const MEDICATIONS: [string, string][] = [
  ['isotretinoin', 'Isotretinoin (Accutane)'],
  ['anticoagulant', 'Prescribed blood thinner'],
  ['aspirin', 'Aspirin'],
  ['ibuprofen', 'Ibuprofen'],
  ['minoxidil', 'Minoxidil'],
  ['finasteride', 'Finasteride'],
  ['retinoid-topical', 'Topical retinoid'],
  ['chemotherapy', 'Chemotherapy'],
]
const ALLERGIES: [string, string][] = [
  ['pigment', 'Tattoo pigment'],
  ['lidocaine', 'Lidocaine or other numbing creams'],
  ['latex', 'Latex'],
]

interface Form {
  sex: string
  /** The head the preview draws when sex is 'other' (DOMAIN §12): male or female proportions. */
  head: string
  age: string
  fitzpatrick: string
  hairColor: string
  hairLength: string
  scale: string
  stage: string
  goal: string
  conditions: string[]
  medications: Record<string, string>
  allergies: string[]
  locationId: string
}

function toDocument(f: Form): Record<string, unknown> {
  const staged = f.scale === 'norwood' || f.scale === 'ludwig'
  const meds = Object.entries(f.medications).map(([name, days]) =>
    days === '' ? { name } : { name, lastDoseDaysAgo: Number(days) }
  )
  return {
    schema: INTAKE_SCHEMA_V1,
    client: {
      sex: f.sex,
      ...(f.sex === 'other' && f.head !== '' ? { head: f.head } : {}),
      age: Number(f.age),
      fitzpatrick: Number(f.fitzpatrick),
      hairColor: f.hairColor,
      hairLength: f.hairLength,
    },
    hairLoss: staged ? { scale: f.scale, stage: f.stage } : { scale: f.scale },
    ...(f.goal === '' ? {} : { goal: f.goal }),
    medical: { conditions: f.conditions, medications: meds, allergies: f.allergies },
  }
}

export function IntakeNewPage() {
  const { clinicId } = useClinicContext()
  const { clientId = '' } = useParams()
  const setup = useClinicSetup(clinicId)
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form, setForm] = useState<Form>({
    sex: 'male',
    head: '',
    age: '',
    fitzpatrick: '3',
    hairColor: 'dark-brown',
    hairLength: 'shaved',
    scale: 'norwood',
    stage: 'III',
    goal: '',
    conditions: [],
    medications: {},
    allergies: [],
    locationId: '',
  })
  const [local, setLocal] = useState<Record<string, string>>({})
  const save = useMutation({
    mutationFn: async (document: Record<string, unknown>) => {
      const intake = await api<IntakeRecord>(clientPath(clinicId, clientId, '/intakes'), {
        method: 'POST',
        body: { document },
      })
      const locationId = form.locationId || setup.data?.locations[0]?.id
      // the consultation runs screening on the intake; a refusal there is shown on the file, not lost
      await api(clientPath(clinicId, clientId, '/consultations'), {
        method: 'POST',
        body: { intakeId: intake.id, locationId },
      }).catch(() => null)
      return intake
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] })
      void navigate(`/clinic/${clinicId}/clients/${clientId}?tab=intake`)
    },
  })
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value })
  const toggle = (key: 'conditions' | 'allergies', value: string) =>
    setForm({
      ...form,
      [key]: form[key].includes(value) ? form[key].filter((v) => v !== value) : [...form[key], value],
    })
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {}
  const err = (path: string) => local[path] ?? serverErrors[`document.${path}`]
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const document = toDocument(form)
    const parsed = parseIntake(document)
    if (!parsed.success) {
      setLocal(Object.fromEntries(parsed.issues.map((i) => [i.path, i.message])))
      return
    }
    setLocal({})
    save.mutate(document)
  }
  const staged = form.scale === 'norwood' || form.scale === 'ludwig'
  return (
    <section aria-labelledby="intake-title">
      <h1 id="intake-title">Record an intake</h1>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Client</legend>
          <div className="row">
            <SelectField
              label="Sex"
              value={form.sex}
              onChange={set('sex')}
              error={err('client.sex')}
              options={[
                { value: 'male', label: 'Male' },
                { value: 'female', label: 'Female' },
                { value: 'other', label: 'Other' },
              ]}
            />
            {form.sex === 'other' && (
              <SelectField
                label="Head for the preview"
                value={form.head}
                onChange={set('head')}
                error={err('client.head')}
                options={[
                  { value: '', label: 'Choose…' },
                  { value: 'male', label: 'Male proportions' },
                  { value: 'female', label: 'Female proportions' },
                ]}
              />
            )}
            <TextField
              label="Age"
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              value={form.age}
              onChange={set('age')}
              error={err('client.age')}
            />
            <SelectField
              label="Fitzpatrick skin type"
              value={form.fitzpatrick}
              onChange={set('fitzpatrick')}
              error={err('client.fitzpatrick')}
              options={['1', '2', '3', '4', '5', '6'].map((v) => ({ value: v, label: `Type ${v}` }))}
            />
            <SelectField
              label="Hair colour"
              value={form.hairColor}
              onChange={set('hairColor')}
              error={err('client.hairColor')}
              options={['black', 'dark-brown', 'brown', 'light-brown', 'blonde', 'red', 'grey', 'white'].map((v) => ({
                value: v,
                label: v.replace('-', ' '),
              }))}
            />
            <SelectField
              label="Hair length"
              value={form.hairLength}
              onChange={set('hairLength')}
              error={err('client.hairLength')}
              options={['shaved', 'buzz', 'short', 'long'].map((v) => ({ value: v, label: v }))}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Hair loss and goal</legend>
          <div className="row">
            <SelectField
              label="Pattern"
              value={form.scale}
              onChange={(e) =>
                setForm({ ...form, scale: e.target.value, stage: e.target.value === 'ludwig' ? 'I' : 'III' })
              }
              error={err('hairLoss.scale')}
              options={[
                { value: 'norwood', label: 'Norwood (male pattern)' },
                { value: 'ludwig', label: 'Ludwig (female pattern)' },
                { value: 'alopecia-areata', label: 'Alopecia areata' },
                { value: 'alopecia-totalis', label: 'Alopecia totalis' },
                { value: 'alopecia-universalis', label: 'Alopecia universalis' },
                { value: 'diffuse', label: 'Diffuse thinning' },
                { value: 'none', label: 'No hair loss (scars only)' },
              ]}
            />
            {staged ? (
              <SelectField
                label="Stage"
                value={form.stage}
                onChange={set('stage')}
                error={err('hairLoss.stage')}
                options={(form.scale === 'ludwig' ? LUDWIG : NORWOOD).map((s) => ({ value: s, label: s }))}
              />
            ) : null}
            <SelectField
              label="Goal"
              value={form.goal}
              onChange={set('goal')}
              error={err('goal')}
              options={[
                { value: '', label: 'Recommend from the pattern' },
                { value: 'shaved-look', label: 'Shaved look' },
                { value: 'density', label: 'Density' },
                { value: 'scar-camouflage', label: 'Scar camouflage' },
                { value: 'hairline', label: 'Hairline' },
              ]}
            />
            {(setup.data?.locations.length ?? 0) > 1 ? (
              <SelectField
                label="Treated at"
                value={form.locationId || (setup.data?.locations[0]?.id ?? '')}
                onChange={set('locationId')}
                options={(setup.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name }))}
              />
            ) : null}
          </div>
        </fieldset>
        <fieldset>
          <legend>Health (screening)</legend>
          <div className="checks">
            <p className="checks-title">Conditions</p>
            {CONDITIONS.map(([value, label]) => (
              <label key={value} className="check">
                <input
                  type="checkbox"
                  checked={form.conditions.includes(value)}
                  onChange={() => toggle('conditions', value)}
                />{' '}
                {label}
              </label>
            ))}
          </div>
          <div className="checks">
            <p className="checks-title">Medications</p>
            {MEDICATIONS.map(([value, label]) => {
              const taking = value in form.medications
              return (
                <div key={value} className="check-row">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={taking}
                      onChange={() => {
                        const next = { ...form.medications }
                        if (taking) delete next[value]
                        else next[value] = ''
                        setForm({ ...form, medications: next })
                      }}
                    />{' '}
                    {label}
                  </label>
                  {taking ? (
                    <TextField
                      label={`${label}: days since the last dose (empty if still taking)`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      value={form.medications[value] ?? ''}
                      onChange={(e) =>
                        setForm({ ...form, medications: { ...form.medications, [value]: e.target.value } })
                      }
                    />
                  ) : null}
                </div>
              )
            })}
          </div>
          <div className="checks">
            <p className="checks-title">Allergies</p>
            {ALLERGIES.map(([value, label]) => (
              <label key={value} className="check">
                <input
                  type="checkbox"
                  checked={form.allergies.includes(value)}
                  onChange={() => toggle('allergies', value)}
                />{' '}
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <FormErrors
          messages={[
            ...(Object.keys(local).length > 0 ? ['Some answers need correcting: see the marked fields.'] : []),
            ...(save.isError ? [messageOf(save.error)] : []),
          ]}
        />
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving and screening…' : 'Save the intake and run screening'}
        </button>
      </form>
    </section>
  )
}
