import { QueryClientProvider } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { createQueryClient, routes } from './app.tsx'
import { FAQ, SERVICES } from './public/content.ts'

function render(path: string): string {
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  return renderToString(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
}

describe('App routes', () => {
  it('shows the services on the public home page while the clinic loads', () => {
    const html = render('/')
    for (const s of SERVICES) expect(html).toContain(s.title.replace("'", '&#x27;'))
    expect(html).toContain('Book a free consultation')
  })

  it('answers every FAQ question on the FAQ page, for the default clinic and a named one', () => {
    for (const path of ['/faq', '/c/another-clinic/faq']) {
      const html = render(path)
      for (const f of FAQ) expect(html).toContain(f.question.replace("'", '&#x27;'))
    }
  })

  it('offers every pattern picture in the estimator, each a labelled radio button', () => {
    const html = render('/estimate')
    expect((html.match(/type="radio"/g) ?? []).length).toBe(12)
    expect(html).toContain('Norwood III vertex')
    expect(html).toContain('Ludwig II')
  })

  it('says plainly when an address has no page', () => {
    expect(render('/no/such/page')).toContain('Page not found')
  })

  it('shows none of the dashboard until it knows who is signed in', () => {
    const html = render('/clinic/00000000-0000-4000-8000-000000000000')
    expect(html).toContain('role="status"')
    expect(html).not.toContain('Today')
    expect(html).not.toContain('Clients')
  })
})
