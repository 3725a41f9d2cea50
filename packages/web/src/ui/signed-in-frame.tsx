// The two parts every signed-in frame (dashboard, portal) shares: who is signed in with the sign-out button, and the
// screen itself, loaded lazily behind a loading note.
import { Suspense } from 'react'
import { Outlet, useNavigate } from 'react-router'
import { useSignOut } from '../api/session.ts'
import { Loading } from './states.tsx'

export function SignedInAs({ label }: { label: string }) {
  const signOut = useSignOut()
  const navigate = useNavigate()
  return (
    <div className="who">
      <span>{label}</span>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/signin') })}
      >
        Sign out
      </button>
    </div>
  )
}

export function ScreenOutlet({ context }: { context: unknown }) {
  return (
    <main id="main" tabIndex={-1}>
      <Suspense fallback={<Loading what="the screen" />}>
        <Outlet context={context} />
      </Suspense>
    </main>
  )
}
