// Signing mode: staff hand the clinic's tablet to the client, who sees only the consent and the signature pad. No
// dashboard, no links out: the tablet returns to staff only when the client has signed or chosen to cancel (a back
// gesture or a typed address asks first, and closing the page warns).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { Navigate, useBlocker, useLocation, useNavigate, useParams } from 'react-router'
import { ApiError, api, messageOf } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import { useSession } from '../api/session.ts'
import type { ConsentTemplate } from '../api/types.ts'
import { useClientFile } from '../api/use-client-file.ts'
import { ConsentText } from '../ui/consent-text.tsx'
import { FormErrors, TextField } from '../ui/field.tsx'
import { SignaturePad } from '../ui/signature-pad.tsx'
import { ErrorNote, Loading } from '../ui/states.tsx'
import { clinicPath } from './clinic-context.ts'

export function TabletSigningPage() {
  const { clinicId = '', clientId = '', templateId = '' } = useParams()
  const session = useSession()
  const here = useLocation()
  if (session.isPending) return <Loading what="the consent" />
  if (session.isError) return <ErrorNote error={session.error} retry={() => void session.refetch()} />
  if (session.data === null)
    return <Navigate to={`/signin?next=${encodeURIComponent(here.pathname + here.search)}`} replace />
  const staff = session.data.memberships.some((m) => m.clinicId === clinicId && m.role !== 'client')
  if (!staff) return <Navigate to="/signin" replace />
  return <SigningMode clinicId={clinicId} clientId={clientId} templateId={templateId} />
}

function SigningMode({ clinicId, clientId, templateId }: { clinicId: string; clientId: string; templateId: string }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const template = useQuery({
    queryKey: ['clinic', clinicId, 'consent-template', templateId],
    queryFn: () => api<ConsentTemplate>(clinicPath(clinicId, `/consent-templates/${templateId}`)),
  })
  const file = useClientFile(clinicId, clientId)
  const [name, setName] = useState('')
  const [signature, setSignature] = useState<string | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const [confirmCancel, setConfirmCancel] = useState(false)
  // the outcome that lets the tablet leave signing mode; nothing else does
  const outcome = useRef<'signed' | 'cancelled' | null>(null)
  const back = `/clinic/${clinicId}/clients/${clientId}?tab=consents`
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    return outcome.current === null && currentLocation.pathname !== nextLocation.pathname
  })
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (outcome.current === null) e.preventDefault()
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [])
  const sign = useMutation({
    mutationFn: () =>
      api<{ id: string }>(clientPath(clinicId, clientId, '/consents'), {
        method: 'POST',
        body: { templateVersionId: templateId, signerName: name, signatureImage: signature ?? '' },
      }),
    onSuccess: async (signed) => {
      outcome.current = 'signed'
      await queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId] })
      void navigate(`${back}&signed=${signed.id}`, { replace: true })
    },
  })
  const leave = () => {
    outcome.current = 'cancelled'
    if (blocker.state === 'blocked') blocker.proceed()
    else void navigate(`${back}&signing=cancelled`, { replace: true })
  }
  const errors = sign.error instanceof ApiError ? sign.error.fieldErrors() : {}
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (signature === null) {
      setMissing('Sign on the pad before you submit.')
      return
    }
    setMissing(null)
    sign.mutate()
  }
  const asking = confirmCancel || blocker.state === 'blocked'
  if (template.isPending || file.isPending) return <Loading what="the consent" />
  if (template.isError) return <ErrorNote error={template.error} retry={() => void template.refetch()} />
  const client = file.data?.client
  return (
    <main id="main" className="signing-mode" aria-labelledby="signing-title">
      <p className="signing-for">
        For {client ? `${client.givenName} ${client.familyName}` : 'the client'} · version {template.data.version}
      </p>
      <h1 id="signing-title">{template.data.title}</h1>
      <ConsentText text={template.data.body} className="consent-text signing-text" />
      {asking ? (
        <div className="card signing-cancel" role="alertdialog" aria-labelledby="cancel-title" aria-modal="true">
          <h2 id="cancel-title">Stop without signing?</h2>
          <p>The consent will not be signed. The tablet goes back to the staff.</p>
          <p className="actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setConfirmCancel(false)
                if (blocker.state === 'blocked') blocker.reset()
              }}
            >
              Keep reading and sign
            </button>
            <button type="button" className="button button-danger" onClick={leave}>
              Stop, do not sign
            </button>
          </p>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="signing-form">
          <TextField
            label="Your full name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.signerName}
          />
          <SignaturePad
            label="Your signature"
            onChange={(png) => {
              setSignature(png)
              if (png !== null) setMissing(null)
            }}
            error={missing ?? errors.signatureImage}
          />
          <FormErrors
            messages={
              sign.error
                ? [
                    messageOf(sign.error),
                    ...(sign.error instanceof ApiError
                      ? sign.error.otherMessages(['signerName', 'signatureImage'])
                      : []),
                  ]
                : []
            }
          />
          <p className="actions">
            <button type="submit" className="button" disabled={sign.isPending}>
              {sign.isPending ? 'Signing…' : 'I agree and sign'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmCancel(true)}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </main>
  )
}
