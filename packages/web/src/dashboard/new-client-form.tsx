// A client file from a website booking: the visitor's details filled in, for the front desk to check and save; the
// booking is linked to the new file, so it no longer waits for one.
import type { Client } from '@stipple/domain'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useNavigate } from 'react-router'
import { ApiError, api } from '../api/client.ts'
import type { Appointment } from '../api/types.ts'
import { FormErrors, TextField } from '../ui/field.tsx'
import { clinicPath } from './clinic-context.ts'

export function NewClientForm({ clinicId, appointment }: { clinicId: string; appointment: Appointment }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const name = (appointment.contact?.name ?? '').trim().split(/\s+/)
  const [form, setForm] = useState({
    givenName: name[0] ?? '',
    familyName: name.slice(1).join(' '),
    email: appointment.contact?.email ?? '',
    phone: appointment.contact?.phone ?? '',
  })
  // asked of the client, never assumed: care emails (reminders, pre- and aftercare) apart from marketing
  const [careEmail, setCareEmail] = useState(false)
  const [marketingEmail, setMarketingEmail] = useState(false)
  const create = useMutation({
    mutationFn: async () => {
      const client = await api<Client>(clinicPath(clinicId, '/clients'), {
        method: 'POST',
        body: {
          givenName: form.givenName,
          familyName: form.familyName,
          email: form.email || null,
          phone: form.phone || null,
          stage: 'consultation',
          homeLocationId: appointment.locationId,
          consents: { careEmail, careSms: false, marketingEmail, marketingSms: false },
        },
      })
      await api(clinicPath(clinicId, `/appointments/${appointment.id}/link-client`), {
        method: 'POST',
        body: { clientId: client.id },
      })
      return client
    },
    onSuccess: async (client) => {
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'clients'] })
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'appointments'] })
      void navigate(`/clinic/${clinicId}/clients/${client.id}`)
    },
  })
  if (!open)
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Open a client file
      </button>
    )
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {}
  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate()
  }
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value })
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="New client file">
      <div className="row">
        <TextField label="Given name" value={form.givenName} onChange={set('givenName')} error={errors.givenName} />
        <TextField label="Family name" value={form.familyName} onChange={set('familyName')} error={errors.familyName} />
        <TextField label="Email" type="email" value={form.email} onChange={set('email')} error={errors.email} />
        <TextField label="Phone" type="tel" value={form.phone} onChange={set('phone')} error={errors.phone} />
      </div>
      <fieldset className="checks">
        <legend className="checks-title">The client agrees to receive</legend>
        <label className="check">
          <input type="checkbox" checked={careEmail} onChange={(e) => setCareEmail(e.target.checked)} /> Emails about
          their care: appointment reminders, pre-care and aftercare
        </label>
        <label className="check">
          <input type="checkbox" checked={marketingEmail} onChange={(e) => setMarketingEmail(e.target.checked)} /> News
          and offers by email
        </label>
      </fieldset>
      <FormErrors
        messages={
          create.error
            ? [
                // field problems are said under their fields; above them, a sentence a person reads
                create.error instanceof ApiError && Object.keys(errors).length > 0
                  ? 'Please check the highlighted fields.'
                  : create.error.message,
                ...(create.error instanceof ApiError ? create.error.otherMessages(Object.keys(form)) : []),
              ]
            : []
        }
      />
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Saving…' : 'Save the client file'}
      </button>
    </form>
  )
}
