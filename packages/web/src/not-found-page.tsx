// What a wrong address or a screen that failed shows: a plain sentence and a way back, never a blank page.
import { Link, useRouteError } from 'react-router'

export function NotFoundPage() {
  return (
    <main id="main" className="narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the clinic's website</Link> or <Link to="/signin">sign in</Link>.
      </p>
    </main>
  )
}

export function RouteErrorPage() {
  const error = useRouteError()
  // logged for whoever looks at the browser console; the person in front of the screen gets a way on
  console.error(error)
  return (
    <main id="main" className="narrow">
      <h1>Something went wrong</h1>
      <p>This screen could not be shown. Nothing you entered was sent. Reload the page to try again.</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>{' '}
        <Link to="/">Go to the start</Link>
      </p>
    </main>
  )
}
