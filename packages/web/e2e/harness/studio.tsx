// The studio on its own, as at /studio: a preset design, no server (`?preset=norwood-7` picks the preset); with
// `?clinic=…&design=…` it opens that design through the API, as the dashboard does (tests answer the API themselves).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { StudioPage } from '../../src/studio/studio-page.tsx'

const query = new URLSearchParams(window.location.search)
const preset = query.get('preset') ?? 'norwood-5a'
const clinic = query.get('clinic')
const design = query.get('design')
const router = createMemoryRouter(
  [
    { path: '/studio', element: <StudioPage /> },
    { path: '/clinic/:clinicId/clients/:clientId/designs/:designId', element: <StudioPage /> },
  ],
  {
    initialEntries: [
      clinic !== null && design !== null
        ? `/clinic/${clinic}/clients/client-1/designs/${design}`
        : `/studio?preset=${preset}`,
    ],
  }
)
const root = document.getElementById('root')
if (root !== null)
  createRoot(root).render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>
  )
