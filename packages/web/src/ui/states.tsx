// Loading, error and empty states: every screen that reads the API shows one of these instead of a blank area.
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { messageOf } from '../api/client.ts'

export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  )
}

export function ErrorNote({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <p className="state-error-text">{messageOf(error)}</p>
      {retry === undefined ? null : (
        <button type="button" className="button button-secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>
}

/** Renders a query's data, or its loading or error state. */
export function QueryView<T>({
  query,
  what,
  children,
}: {
  query: UseQueryResult<T>
  what: string
  children: (data: T) => ReactNode
}) {
  if (query.isPending) return <Loading what={what} />
  if (query.isError) return <ErrorNote error={query.error} retry={() => void query.refetch()} />
  return <>{children(query.data)}</>
}
