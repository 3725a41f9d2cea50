// The plan PDF's layout from given facts: every section, the figures as given, the previews embedded or a note
// saying they are missing, and text the standard fonts can draw. Read back with poppler's pdftotext.
import { execFileSync } from 'node:child_process'
import { courseCare, formatMinorMoney } from '@stipple/domain'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { type PlanSheet, planPdf } from './plan-pdf.ts'

const text = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' })
const imagesIn = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).length

const jpeg = (shade: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: shade, g: shade, b: shade } } })
    .jpeg()
    .toBuffer()

const session = (index: number, dayOffset: number, durationMinutes: number) => ({
  index,
  dayOffset,
  durationMinutes,
  impressions: 9000 + index,
  dots: 6000 + index,
  needle: '1RL 0.20',
  shadeDilution: '1:25',
  impressionsByZone: { crown: 9000 + index },
})

const line = (label: string, amountMinor: number) => ({ label, amountMinor })

async function sheet(overrides: Partial<PlanSheet> = {}): Promise<PlanSheet> {
  return {
    clinicName: 'Northline SMP',
    locationName: 'Queen West',
    clientName: 'Zoë Kowalski',
    printedOn: '2026-12-01',
    plannedOn: '2026-11-20',
    plan: {
      treatedAreaCm2: 212.4,
      totalImpressions: 27_006,
      totalDots: 18_006,
      spacingDays: 14,
      sessions: [session(1, 0, 200), session(2, 14, 165), session(3, 28, 125)],
      basis: 'placement',
      sessionReason: 'Three sessions build the density gradually.',
    },
    quote: {
      id: '00000000-0000-4000-8000-000000000001',
      locationId: '00000000-0000-4000-8000-000000000002',
      currency: 'CAD',
      priceList: 'toronto',
      subtotalMinor: 340_000,
      totalMinor: 384_200,
      lines: [line('Full head SMP, 3 sessions', 340_000), line('HST 13%', 44_200)],
      later: [line('Touch-up session', 45_000)],
      notes: ['Prices valid for 90 days.'],
      createdAt: '2026-11-20T15:00:00.000Z',
    },
    areas: ['crown', 'hairline'],
    dates: new Map([
      [1, 'done on Tue, 1 Dec 2026'],
      [2, 'Tue, 15 Dec 2026, 10:00'],
    ]),
    images: [
      { caption: 'Healed, from above', image: await jpeg(90) },
      { caption: 'Healed, from the front', image: await jpeg(120) },
    ],
    imageNote: null,
    care: courseCare({ fitzpatrick: 3, minoxidil: true, shaved: true }, [0, 14, 28]),
    touchUpAfterYears: 3,
    ...overrides,
  }
}

describe('the plan PDF', () => {
  it('has the clinic, client, date, previews, plan, quote and care, with the figures as given', async () => {
    const s = await sheet()
    const pdf = await planPdf(s)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(imagesIn(pdf)).toBe(2)
    const t = text(pdf)
    for (const part of [
      'Northline SMP, Queen West',
      'Tue, 1 Dec 2026',
      'Prepared for Zoë Kowalski',
      'Your previews',
      'Simulated',
      'Healed, from the front',
      'Your plan',
      '3 sessions, about 14 days apart',
      'about 212 cm² of scalp: crown and hairline',
      '18,006 dots',
      '3 h 20 min',
      'day 28',
      'done on Tue, 1 Dec 2026',
      'Tue, 15 Dec 2026, 10:00',
      'not booked yet',
      'Your quote',
      'HST 13%',
      'Prices valid for 90 days.',
      'What to expect between sessions',
      'Before each session',
      'Aftercare',
      'minoxidil',
      'Touch-ups',
      'touch-up after about 3 years',
      'Page 1 of',
    ]) {
      expect(t).toContain(part)
    }
    expect(t).toMatch(/Total\s+CA\$3,842\.00/)
    expect(t).toContain(formatMinorMoney(44_200, 'CAD'))
    expect(t).toMatch(/Touch-up session\s+CA\$450\.00/)
  })

  it('comes out without previews, saying why, and draws every name in the standard font', async () => {
    const note = 'The previews could not be drawn just now, so this copy goes without them.'
    const pdf = await planPdf(
      await sheet({ images: [], imageNote: note, clientName: 'Łukasz Nowak', quote: null, touchUpAfterYears: null })
    )
    expect(imagesIn(pdf)).toBe(0)
    const t = text(pdf)
    expect(t).toContain(note)
    expect(t).toContain('Prepared for ?ukasz Nowak')
    expect(t).toContain('The clinic has not added a quote to this plan yet.')
    expect(t).toMatch(/every 2 to 4\s+years/)
  })

  it('leaves out the between-sessions note for a single session', async () => {
    const s = await sheet()
    const pdf = await planPdf({
      ...s,
      plan: { ...s.plan, sessions: [session(1, 0, 240)], spacingDays: 0 },
      care: courseCare({ fitzpatrick: 3, minoxidil: false, shaved: true }, [0]),
    })
    const t = text(pdf)
    expect(t).toContain('1 session.')
    expect(t).not.toContain('What to expect between sessions')
    expect(t).not.toContain('minoxidil')
  })
})
