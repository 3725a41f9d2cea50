// Consents: read each one the clinic asks for, type your name and sign on the pad; what you signed is listed below.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, api, messageOf } from '../api/client.ts'
import type { ConsentTemplate, SignedConsentSummary } from '../api/types.ts'
import { ConsentText } from '../ui/consent-text.tsx'
import { FormErrors, TextField } from '../ui/field.tsx'
import { formatLocal } from '../ui/format.ts'
import { SignaturePad } from '../ui/signature-pad.tsx'
import { QueryView } from '../ui/states.tsx'
import { portalPath, usePortal } from './portal-layout.tsx'

export function PortalConsentsPage() {
  const { clinicId } = usePortal()
  const consents = useQuery({
    queryKey: ['portal', clinicId, 'consents'],
    queryFn: () =>
      api<{ signed: SignedConsentSummary[]; toSign: ConsentTemplate[] }>(portalPath(clinicId, '/consents')),
  })
  return (
    <section aria-labelledby="consents-title">
      <h1 id="consents-title">Consents</h1>
      <QueryView query={consents} what="your consents">
        {(data) => (
          <>
            {data.toSign.length === 0 ? (
              <p className="notice notice-ok">Nothing to sign. Thank you.</p>
            ) : (
              data.toSign.map((t) => <SignForm key={t.id} clinicId={clinicId} template={t} />)
            )}
            <h2>Signed</h2>
            {data.signed.length === 0 ? (
              <p>You have not signed any consent yet.</p>
            ) : (
              <ul className="plain">
                {data.signed.map((s) => (
                  <li key={s.id}>
                    {s.title} (version {s.version}), signed by {s.signerName} on {formatLocal(s.signedAtLocal)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </section>
  )
}

function SignForm({ clinicId, template }: { clinicId: string; template: ConsentTemplate }) {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [signature, setSignature] = useState<string | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const sign = useMutation({
    mutationFn: () =>
      api(portalPath(clinicId, '/consents'), {
        method: 'POST',
        body: { templateVersionId: template.id, signerName: name, signatureImage: signature ?? '' },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', clinicId, 'consents'] }),
  })
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
  return (
    <article className="card consent">
      <h2>{template.title}</h2>
      <ConsentText text={template.body} />
      <form onSubmit={submit} noValidate>
        <TextField
          label="Your full name"
          autoComplete="name"
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
                  ...(sign.error instanceof ApiError ? sign.error.otherMessages(['signerName', 'signatureImage']) : []),
                ]
              : []
          }
        />
        <button type="submit" className="button" disabled={sign.isPending}>
          {sign.isPending ? 'Signing…' : `Sign: ${template.title}`}
        </button>
      </form>
    </article>
  )
}
