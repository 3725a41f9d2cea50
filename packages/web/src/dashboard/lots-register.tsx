// The lots register: the pigment and needle lots each location holds, with their expiry. A session chooses its lots
// from here, and the server refuses a lot the register does not hold or that has expired. Owners and practitioners add.
import type { Lot } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, api, messageOf } from '../api/client.ts'
import { FormErrors, SelectField, TextField } from '../ui/field.tsx'
import { formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { clinicPath, useClinicSetup } from './clinic-context.ts'

const EMPTY = { kind: 'pigment', brand: '', shade: '', configuration: '', lot: '', expiresOn: '' }

export function LotsRegister({ clinicId }: { clinicId: string }) {
  const setup = useClinicSetup(clinicId)
  const queryClient = useQueryClient()
  const [chosen, setChosen] = useState('')
  const locations = setup.data?.locations ?? []
  const locationId = chosen || locations[0]?.id || ''
  const lots = useQuery({
    queryKey: ['clinic', clinicId, 'lots', locationId],
    enabled: locationId !== '',
    queryFn: async () => (await api<{ items: Lot[] }>(clinicPath(clinicId, '/lots'), { query: { locationId } })).items,
  })
  const [form, setForm] = useState(EMPTY)
  const add = useMutation({
    mutationFn: () =>
      api<Lot>(clinicPath(clinicId, '/lots'), {
        method: 'POST',
        body:
          form.kind === 'pigment'
            ? {
                kind: 'pigment',
                locationId,
                brand: form.brand,
                shade: form.shade,
                lot: form.lot,
                expiresOn: form.expiresOn,
              }
            : {
                kind: 'needle',
                locationId,
                brand: form.brand,
                configuration: form.configuration,
                lot: form.lot,
                expiresOn: form.expiresOn,
              },
      }),
    onSuccess: async () => {
      setForm({ ...EMPTY, kind: form.kind })
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'lots'] })
    },
  })
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {}
  const submit = (e: FormEvent) => {
    e.preventDefault()
    add.mutate()
  }
  const pigment = form.kind === 'pigment'
  return (
    <section aria-labelledby="register-title" className="stack">
      <h2 id="register-title">Lots register</h2>
      <p>The lots a location holds. A session uses only lots from here, and never one past its expiry.</p>
      <SelectField
        label="Location"
        value={locationId}
        onChange={(e) => setChosen(e.target.value)}
        options={locations.map((l) => ({ value: l.id, label: l.name }))}
      />
      <QueryView query={lots} what="the lots register">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>No lots registered at this location yet. Add the lots on the shelf below.</p>
            </Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Product</th>
                  <th scope="col">Lot</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id} className={l.expired ? 'expired' : undefined}>
                    <td>{l.kind === 'pigment' ? 'Pigment' : 'Needle'}</td>
                    <td>
                      {l.brand} {l.kind === 'pigment' ? l.shade : l.configuration}
                    </td>
                    <td>{l.lot}</td>
                    <td>
                      {formatLocalDate(l.expiresOn)}
                      {l.expired ? ' — expired, do not use' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="add-lot-title">
        <h3 id="add-lot-title">Add a lot</h3>
        <div className="row">
          <SelectField
            label="Kind"
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value })}
            options={[
              { value: 'pigment', label: 'Pigment' },
              { value: 'needle', label: 'Needle cartridges' },
            ]}
          />
          <TextField
            label={pigment ? 'Brand' : 'Maker'}
            value={form.brand}
            onChange={(e) => setForm({ ...form, brand: e.target.value })}
            error={errors.brand}
          />
          {pigment ? (
            <TextField
              label="Shade"
              value={form.shade}
              onChange={(e) => setForm({ ...form, shade: e.target.value })}
              error={errors.shade}
            />
          ) : (
            <TextField
              label="Configuration"
              placeholder="1RL 0.20"
              value={form.configuration}
              onChange={(e) => setForm({ ...form, configuration: e.target.value })}
              error={errors.configuration}
            />
          )}
          <TextField
            label="Lot code"
            value={form.lot}
            onChange={(e) => setForm({ ...form, lot: e.target.value })}
            error={errors.lot}
          />
          <TextField
            label="Expires on"
            type="date"
            value={form.expiresOn}
            onChange={(e) => setForm({ ...form, expiresOn: e.target.value })}
            error={errors.expiresOn}
          />
        </div>
        <FormErrors
          messages={
            add.error
              ? [
                  messageOf(add.error),
                  ...(add.error instanceof ApiError
                    ? add.error.otherMessages(['kind', 'brand', 'shade', 'configuration', 'lot', 'expiresOn'])
                    : []),
                ]
              : []
          }
        />
        <button type="submit" className="button" disabled={add.isPending || locationId === ''}>
          {add.isPending ? 'Adding…' : 'Add to the register'}
        </button>
      </form>
    </section>
  )
}
