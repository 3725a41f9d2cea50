// Sign-in for clinic staff and clients; afterwards each goes to where they work: the clinic dashboard or the portal.
import type { SessionInfo } from '@stipple/domain'
import { type FormEvent, useState } from 'react'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router'
import { ApiError, messageOf } from './api/client.ts'
import { homeFor, needsCode, useSession, useSignIn, useSignInWithCode } from './api/session.ts'
import { FormErrors, TextField } from './ui/field.tsx'
import { Loading } from './ui/states.tsx'

/** Only paths inside this app: a `next` pointing elsewhere is ignored. */
function safeNext(next: string | null): string | null {
  if (next === null) return null
  return next.startsWith('/') && !next.startsWith('//') ? next : null
}

export function SignInPage() {
  const session = useSession()
  const signIn = useSignIn()
  const withCode = useSignInWithCode()
  const [askCode, setAskCode] = useState(false)
  const [code, setCode] = useState('')
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const next = safeNext(params.get('next'))

  if (session.isPending) return <Loading what="your session" />
  if (session.data) return <Navigate to={next ?? homeFor(session.data)} replace />

  const failed = askCode ? withCode.error : signIn.error
  const fieldErrors = failed instanceof ApiError ? failed.fieldErrors() : {}
  const shown = askCode ? ['code'] : ['email', 'password']
  const messages =
    failed === null
      ? []
      : failed instanceof ApiError && Object.keys(fieldErrors).length > 0
        ? failed.otherMessages(shown)
        : [messageOf(failed)]
  const done = (info: SessionInfo) => void navigate(next ?? homeFor(info), { replace: true })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (askCode) {
      withCode.mutate(code.trim(), { onSuccess: done })
      return
    }
    signIn.mutate({ email, password }, { onSuccess: (answer) => (needsCode(answer) ? setAskCode(true) : done(answer)) })
  }
  const pending = signIn.isPending || withCode.isPending
  return (
    <main id="main" className="signin">
      <h1>Sign in</h1>
      <form onSubmit={submit} noValidate className="card">
        {askCode ? (
          <TextField
            label="Code from your authenticator app (or a backup code)"
            autoComplete="one-time-code"
            inputMode="text"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldErrors.code}
            required
          />
        ) : (
          <>
            <TextField
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldErrors.email}
              required
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldErrors.password}
              required
            />
          </>
        )}
        <FormErrors messages={messages} />
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Signing in…' : askCode ? 'Confirm the code' : 'Sign in'}
        </button>
      </form>
      <p>
        <Link to="/">Back to the clinic's website</Link>
      </p>
    </main>
  )
}
