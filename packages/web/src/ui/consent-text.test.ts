import { describe, expect, it } from 'vitest'
import { consentBlocks } from './consent-text.tsx'

describe('consent texts render their lists', () => {
  it('reads paragraphs, bulleted and numbered lists and headings from the stored text', () => {
    const text =
      'What SMP is\n\nSMP places pigment in the scalp.\nIt is a tattoo.\n\n- A full treatment is 3 sessions.\n- Touch-ups every 2–4 years.\n  (sun fades it sooner)\n\n1. Read this.\n2. Sign below.\n\n# Your rights'
    expect(consentBlocks(text)).toEqual([
      { kind: 'p', lines: ['What SMP is'] },
      { kind: 'p', lines: ['SMP places pigment in the scalp.', 'It is a tattoo.'] },
      { kind: 'ul', items: ['A full treatment is 3 sessions.', 'Touch-ups every 2–4 years. (sun fades it sooner)'] },
      { kind: 'ol', items: ['Read this.', 'Sign below.'] },
      { kind: 'h', text: 'Your rights' },
    ])
  })
})
