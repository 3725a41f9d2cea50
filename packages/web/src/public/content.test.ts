import { TOUCH_UP_TIMING } from '@stipple/domain'
import { describe, expect, it } from 'vitest'
import { FAQ, SERVICES } from './content.ts'

describe('what the public site says', () => {
  it('gives touch-up timing in the one sentence the treatment consent also uses, and nowhere else a figure', () => {
    const texts = [...FAQ.map((f) => f.answer), ...SERVICES.map((s) => s.text)]
    expect(texts.filter((t) => t.includes(TOUCH_UP_TIMING))).toHaveLength(1)
    for (const text of texts.map((t) => t.replace(TOUCH_UP_TIMING, ''))) {
      // no other sentence about touch-ups with a number of years in it
      for (const sentence of text.split(/(?<=[.!?])\s+/).filter((s) => /touch-up/i.test(s))) {
        expect(sentence).not.toMatch(/\b([0-9]+|two|three|four|five|six|seven|eight)\b.*\byears?\b/i)
      }
    }
  })
})
