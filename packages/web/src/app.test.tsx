import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { App } from './app.tsx'

describe('App', () => {
  it('says what Stipple is and that the clinic app is still being built', () => {
    const html = renderToStaticMarkup(<App />)
    expect(html).toContain('<h1>Stipple</h1>')
    expect(html).toContain('The clinic app is being built.')
  })
})
