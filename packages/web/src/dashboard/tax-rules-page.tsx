// The owner's taxes per location: which taxes each location's quotes charge, at what rate, on treatment or on goods.
// The server checks every rule and says what is wrong next to the field; quotes already made keep what they charged.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, api, messageOf } from '../api/client.ts'
import { FormErrors } from '../ui/field.tsx'
import { Empty, QueryView } from '../ui/states.tsx'
import { clinicPath, useClinicContext, useClinicSetup } from './clinic-context.ts'

interface TaxRule {
  code: string
  label: string
  basisPoints: number
  appliesTo: ('treatment' | 'goods')[]
}
interface LocationTaxes {
  locationId: string
  locationName: string
  rules: TaxRule[]
  note: string
}
/** A rule as typed: the rate as the percentage people write ("13", "7.5"). */
interface Row {
  code: string
  label: string
  percent: string
  treatment: boolean
  goods: boolean
}

const toRow = (r: TaxRule): Row => ({
  code: r.code,
  label: r.label,
  percent: String(r.basisPoints / 100),
  treatment: r.appliesTo.includes('treatment'),
  goods: r.appliesTo.includes('goods'),
})

export function TaxRulesPage() {
  const { clinicId, membership } = useClinicContext()
  const setup = useClinicSetup(clinicId)
  return (
    <section aria-labelledby="taxes-title">
      <h1 id="taxes-title">Taxes by location</h1>
      <p className="lead">
        Each location's quotes add a line for every tax charged on treatment, included in the total. Taxes on goods
        apply to products sold at the desk. A change applies to quotes made from now on.
      </p>
      <QueryView query={setup} what="the clinic's locations">
        {(data) =>
          data.locations.length === 0 ? (
            <Empty>
              <p>This clinic has no location yet.</p>
            </Empty>
          ) : (
            data.locations.map((l) => (
              <LocationTaxForm key={l.id} clinicId={clinicId} locationId={l.id} owner={membership.role === 'owner'} />
            ))
          )
        }
      </QueryView>
    </section>
  )
}

function LocationTaxForm({ clinicId, locationId, owner }: { clinicId: string; locationId: string; owner: boolean }) {
  const path = clinicPath(clinicId, `/locations/${locationId}/tax-rules`)
  const key = ['clinic', clinicId, 'tax-rules', locationId]
  const taxes = useQuery({ queryKey: key, queryFn: () => api<LocationTaxes>(path) })
  return (
    <QueryView query={taxes} what="this location's taxes">
      {(data) => <TaxForm key={JSON.stringify(data.rules)} data={data} path={path} queryKey={key} owner={owner} />}
    </QueryView>
  )
}

function TaxForm(props: { data: LocationTaxes; path: string; queryKey: string[]; owner: boolean }) {
  const { data, owner } = props
  const queryClient = useQueryClient()
  const [rows, setRows] = useState<Row[]>(data.rules.map(toRow))
  const save = useMutation({
    mutationFn: () =>
      api<LocationTaxes>(props.path, {
        method: 'PUT',
        body: {
          rules: rows.map((r) => ({
            code: r.code.trim(),
            label: r.label,
            // "13" → 1300 basis points; what is not a number goes as it is typed, for the server to name
            basisPoints: Number.isFinite(Number(r.percent)) ? Math.round(Number(r.percent) * 100) : r.percent,
            appliesTo: [...(r.treatment ? ['treatment'] : []), ...(r.goods ? ['goods'] : [])],
          })),
        },
      }),
    onSuccess: (fresh) => queryClient.setQueryData(props.queryKey, fresh),
  })
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {}
  const shown = rows.flatMap((_, i) => ['code', 'label', 'basisPoints', 'appliesTo'].map((f) => `rules[${i}].${f}`))
  const other =
    save.error instanceof ApiError ? save.error.otherMessages(shown) : save.error ? [messageOf(save.error)] : []
  const set = (i: number, change: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)))
  const error = (i: number, field: string) => errors[`rules[${i}].${field}`]
  return (
    <form
      className="card"
      aria-labelledby={`taxes-${data.locationId}`}
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
      noValidate
    >
      <h2 id={`taxes-${data.locationId}`}>{data.locationName}</h2>
      {rows.length === 0 ? <p>No tax is charged at this location.</p> : null}
      {rows.length === 0 ? null : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Short name</th>
              <th scope="col">Name on the quote</th>
              <th scope="col">Rate (%)</th>
              <th scope="col">Charged on</th>
              {owner ? (
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; their order is their identity
              <tr key={i}>
                <td>
                  <RowInput
                    label={`Short name of tax ${i + 1}`}
                    value={r.code}
                    error={error(i, 'code')}
                    readOnly={!owner}
                    onChange={(v) => set(i, { code: v.toUpperCase() })}
                  />
                </td>
                <td>
                  <RowInput
                    label={`Name on the quote of tax ${i + 1}`}
                    value={r.label}
                    error={error(i, 'label')}
                    readOnly={!owner}
                    onChange={(v) => set(i, { label: v })}
                  />
                </td>
                <td>
                  <RowInput
                    label={`Rate of tax ${i + 1}, percent`}
                    value={r.percent}
                    inputMode="decimal"
                    error={error(i, 'basisPoints')}
                    readOnly={!owner}
                    onChange={(v) => set(i, { percent: v })}
                  />
                </td>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={r.treatment}
                      disabled={!owner}
                      onChange={(e) => set(i, { treatment: e.target.checked })}
                    />
                    Treatment
                  </label>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={r.goods}
                      disabled={!owner}
                      onChange={(e) => set(i, { goods: e.target.checked })}
                    />
                    Goods
                  </label>
                  {error(i, 'appliesTo') === undefined ? null : (
                    <span className="field-error">{error(i, 'appliesTo')}</span>
                  )}
                </td>
                {owner ? (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      Remove<span className="sr-only"> tax {i + 1}</span>
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{data.note}</p>
      <FormErrors messages={other} />
      {save.isSuccess ? (
        <p className="notice notice-ok" role="status">
          Saved. Quotes at {data.locationName} use these taxes from now on.
        </p>
      ) : null}
      {owner ? (
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={rows.length >= 6}
            onClick={() => setRows([...rows, { code: '', label: '', percent: '', treatment: true, goods: true }])}
          >
            Add a tax
          </button>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save taxes'}
          </button>
        </p>
      ) : (
        <p className="muted">Only the clinic's owner changes taxes.</p>
      )}
    </form>
  )
}

function RowInput(props: {
  label: string
  value: string
  error: string | undefined
  readOnly: boolean
  inputMode?: 'decimal'
  onChange: (value: string) => void
}) {
  return (
    <div className={props.error === undefined ? 'field' : 'field field-invalid'}>
      <input
        aria-label={props.label}
        value={props.value}
        readOnly={props.readOnly}
        inputMode={props.inputMode}
        aria-invalid={props.error === undefined ? undefined : true}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error === undefined ? null : <span className="field-error">{props.error}</span>}
    </div>
  )
}
