// Who is signed in (GET /api/v1/me), sign-in and sign-out; keeps the CSRF token the API wants with every change.

import type { SessionInfo } from '@stipple/domain'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ApiError, api, setCsrfToken } from './client.ts'

const SESSION_KEY = ['session'] as const

async function loadSession(): Promise<SessionInfo | null> {
  try {
    const info = await api<SessionInfo>('/api/v1/me')
    setCsrfToken(info.csrfToken)
    return info
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null)
      return null
    }
    throw error
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: loadSession, staleTime: 5 * 60_000, retry: false })
}

/** With a second factor on, the password alone answers `{ secondFactor: 'totp' }` and the code completes it. */
type SignInAnswer = SessionInfo | { secondFactor: 'totp' }

export function needsCode(answer: SignInAnswer): answer is { secondFactor: 'totp' } {
  return 'secondFactor' in answer
}

export function useSignIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<SignInAnswer>('/api/v1/auth/sign-in', { method: 'POST', body }),
    onSuccess: (answer) => {
      if (needsCode(answer)) return
      setCsrfToken(answer.csrfToken)
      queryClient.setQueryData(SESSION_KEY, answer)
    },
  })
}

export function useSignInWithCode() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (code: string) => api<SessionInfo>('/api/v1/auth/sign-in/totp', { method: 'POST', body: { code } }),
    onSuccess: (info) => {
      setCsrfToken(info.csrfToken)
      queryClient.setQueryData(SESSION_KEY, info)
    },
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api<void>('/api/v1/auth/sign-out', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null)
      queryClient.clear()
      queryClient.setQueryData(SESSION_KEY, null)
    },
  })
}

/** Where a signed-in person starts: the first clinic they work at, else their portal. */
export function homeFor(info: SessionInfo): string {
  const staff = info.memberships.find((m) => m.role !== 'client')
  if (staff !== undefined) return `/clinic/${staff.clinicId}`
  return '/portal'
}
