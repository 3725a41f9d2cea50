// Mounts the design studio (src/studio, built alongside) for the design in the address; a build without it says so.
import { type ComponentType, lazy, Suspense } from 'react'
import { Link, useParams } from 'react-router'
import { Loading } from '../ui/states.tsx'

// a glob rather than an import: the studio is developed in its own folder and this build must not break without it
const modules = import.meta.glob<{ StudioPage: ComponentType }>('../studio/studio-page.tsx')
const load = modules['../studio/studio-page.tsx']
const Studio = load === undefined ? null : lazy(async () => ({ default: (await load()).StudioPage }))

export function StudioMount() {
  const { clinicId = '', clientId = '' } = useParams()
  if (Studio === null)
    return (
      <section>
        <h1>Design studio</h1>
        <p>The design studio is not part of this build.</p>
        <p>
          <Link to={`/clinic/${clinicId}/clients/${clientId}?tab=designs`}>Back to the client's designs</Link>
        </p>
      </section>
    )
  return (
    <Suspense fallback={<Loading what="the design studio" />}>
      <Studio />
    </Suspense>
  )
}
