// The client's portal sign-in, set up with them in the clinic: their email and a password they type on the tablet
// (staff never learn it). Once set up, the file says which email they sign in with.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, api } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import { FormErrors, TextField } from '../ui/field.tsx'

interface PortalStatus {
  clientId: string
  enabled: boolean
  email: string | null
}

export function PortalAccess({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const queryClient = useQueryClient()
  const key = ['clinic', clinicId, 'client', clientId, 'portal-access']
  const status = useQuery({
    queryKey: key,
    queryFn: () => api<PortalStatus>(clientPath(clinicId, clientId, '/portal-access')),
  })
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const grant = useMutation({
    mutationFn: () =>
      api<{ email: string }>(clientPath(clinicId, clientId, '/portal-access'), { method: 'POST', body: { password } }),
    onSuccess: async () => {
      setPassword('')
      setOpen(false)
      await queryClient.invalidateQueries({ queryKey: key })
    },
  })
  if (status.data === undefined) return null
  if (status.data.enabled) return <p className="muted">Signs in to the client portal as {status.data.email}.</p>
  if (!open)
    return (
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Set up portal sign-in
      </button>
    )
  const errors = grant.error instanceof ApiError ? grant.error.fieldErrors() : {}
  const submit = (e: FormEvent) => {
    e.preventDefault()
    grant.mutate()
  }
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Portal sign-in">
      <p>
        Hand the tablet to the client: they sign in with the email on this file and a password they choose here. You
        will not see it.
      </p>
      <TextField
        label="The client's new password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
        hint="At least 10 characters."
      />
      <FormErrors
        messages={
          grant.error
            ? [grant.error.message, ...(grant.error instanceof ApiError ? grant.error.otherMessages(['password']) : [])]
            : []
        }
      />
      <p className="actions">
        <button type="submit" className="button" disabled={grant.isPending}>
          {grant.isPending ? 'Setting up…' : 'Create the portal sign-in'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </p>
    </form>
  )
}
