import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatDate, formatMoney } from '@stipple/domain'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { lines, stipple } from '../spawn-stipple.ts'

const dir = mkdtempSync(join(tmpdir(), 'stipple-consult-'))
const TODAY = '2026-11-20'
const intake = {
  schema: 'stipple.intake/v1',
  client: { sex: 'male', age: 41, fitzpatrick: 3, hairColor: 'dark-brown', hairLength: 'shaved' },
  hairLoss: { scale: 'norwood', stage: '5A' },
  medical: { conditions: ['keloid-prone'], medications: [{ name: 'minoxidil', lastDoseDaysAgo: 2 }] },
  location: { priceList: 'toronto' },
}
const write = (name: string, body: unknown) => {
  const file = join(dir, name)
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body))
  return file
}
const intakeFile = write('intake.json', intake)

/** pdftotext ships with poppler-utils, which `npm test` installs (scripts/ensure-system-deps.sh). */
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })

describe('stipple consult', () => {
  const out = join(dir, 'out')
  let result: {
    screening: { status: string }
    plan: { sessions: { date: string; durationMinutes: number }[] }
    quote: { total: number; currency: string; lines: { label: string; amount: number }[] }
    dates: { firstSession: string }
    longevity: { touchUpAfterYears: number; visibleYears: number }
  }

  beforeAll(() => {
    const r = stipple('consult', intakeFile, '--out', out, '--today', TODAY)
    expect(r.stderr).not.toMatch(/error/)
    expect(r.code).toBe(0)
    result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))
  })

  it('--json prints the result with the stable fields, the same as result.json', () => {
    const r = stipple('consult', intakeFile, '--json', '--today', TODAY)
    expect(r.code).toBe(0)
    const printed = JSON.parse(r.stdout)
    expect(Object.keys(printed)).toEqual(
      expect.arrayContaining(['screening', 'design', 'plan', 'quote', 'longevity', 'aftercare'])
    )
    expect(printed).toEqual(result)
    expect(printed.design.schema).toBe('stipple.design/v1')
    expect(printed.plan.sessions[0]).toMatchObject({ index: 1, dayOffset: 0, needle: '1RL 0.20' })
    expect(printed.screening.status).toBe('caution')
    // minoxidil last taken 2 days ago: 5 more days of pause before the first session
    expect(printed.dates.firstSession).toBe('2026-11-25')
  })

  it('--out writes the design, the result, previews per session and years, and the PDF', async () => {
    const files = readdirSync(out).sort()
    expect(files).toEqual(
      [
        'consultation.pdf',
        'design.json',
        'preview-session-1-healed-top.png',
        'preview-session-2-healed-top.png',
        'preview-session-3-healed-top.png',
        'preview-years-0-front.png',
        'preview-years-0-top.png',
        'preview-years-3-front.png',
        'preview-years-3-top.png',
        'preview-years-6-front.png',
        'preview-years-6-top.png',
        'result.json',
      ].sort()
    )
    const meta = await sharp(join(out, 'preview-years-3-top.png')).metadata()
    expect([meta.width, meta.height]).toEqual([768, 768])
    const design = stipple('plan', join(out, 'design.json'), '--json')
    expect(design.code).toBe(0)
  })

  it('the PDF opens, has every section, and its figures match result.json', () => {
    const text = pdfText(join(out, 'consultation.pdf'))
    for (const heading of [
      'Your previews',
      'Your plan',
      'Your quote',
      'Your health check',
      'Before each session',
      'Aftercare',
      'What to expect between sessions',
      'How long it lasts, and touch-ups',
      'If you ever want it removed',
    ]) {
      expect(text).toContain(heading)
    }
    expect(text).toContain(`Total ${formatMoney(result.quote.total, result.quote.currency)}`)
    expect(text).toMatch(new RegExp(`Total\\s+${formatMoney(result.quote.total, 'CAD').replace(/[$.]/g, '\\$&')}`))
    for (const l of result.quote.lines) expect(text).toContain(formatMoney(l.amount, 'CAD'))
    expect(text).toContain(`in ${result.plan.sessions.length} sessions`)
    for (const s of result.plan.sessions) expect(text).toContain(formatDate(s.date))
    expect(text).toContain(`touch-up after about ${result.longevity.touchUpAfterYears} years`)
    expect(text).toContain('Simulated')
    expect(text).toMatch(/fade noticeably/)
  })

  it('the summary names the status, the sessions and the total', () => {
    const r = stipple('consult', intakeFile, '--today', TODAY)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Screening: caution')
    expect(r.stdout).toContain(formatMoney(result.quote.total, 'CAD'))
    // never a day the location is closed: the CLI has the price list's location default, Monday to Friday
    expect(r.stdout).toContain('Monday to Friday')
    for (const s of result.plan.sessions) {
      const weekday = new Date(`${s.date}T00:00:00Z`).getUTCDay()
      expect(weekday, s.date).toBeGreaterThanOrEqual(1)
      expect(weekday, s.date).toBeLessThanOrEqual(5)
    }
  })
})

describe('stipple consult: bad intakes are refused, exit 2, nothing written', () => {
  const bad: [string, string, RegExp[]][] = [
    [
      'unknown code',
      write('code.json', { ...intake, medical: { conditions: ['gout'] } }),
      [/code\.json: medical\.conditions\[0\]: expected/],
    ],
    [
      'missing required',
      write('missing.json', { schema: intake.schema, client: intake.client }),
      [/missing\.json: hairLoss: required/],
    ],
    [
      'age out of range and a wrong type',
      write('age.json', { ...intake, client: { ...intake.client, age: 130, fitzpatrick: 'III' } }),
      [/age\.json: client\.age: must be at most 120/, /age\.json: client\.fitzpatrick: expected a number, got "III"/],
    ],
    [
      'unknown stage',
      write('stage.json', { ...intake, hairLoss: { scale: 'norwood', stage: '9' } }),
      [/stage\.json: hairLoss\.stage: unknown stage "9"/],
    ],
    ['not JSON', write('broken.json', '{ "schema": '), [/broken\.json: not valid JSON/]],
    ['no such file', join(dir, 'nowhere.json'), [/nowhere\.json: no such file/]],
  ]
  it.each(bad)('%s', (_, file, expected) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`)
    const r = stipple('consult', file, '--out', out, '--today', TODAY)
    expect(r.code).toBe(2)
    const got = lines(r.stderr)
    expect(got.length).toBe(expected.length)
    for (const [i, e] of expected.entries()) expect(got[i]).toMatch(e)
    expect(existsSync(out)).toBe(false)
    expect(r.stdout).toBe('')
  })

  it('a 50 MB file is refused before it is read', () => {
    const file = join(dir, 'huge.json')
    writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 32))
    const out = join(dir, 'out-huge')
    const r = stipple('consult', file, '--out', out)
    expect(r.code).toBe(2)
    expect(lines(r.stderr)).toEqual([`${file}: file is larger than 1 MB`])
    expect(existsSync(out)).toBe(false)
  })

  it('bad options', () => {
    const r = stipple('consult', intakeFile, '--today', '2026-02-30')
    expect(r.code).toBe(2)
    expect(lines(r.stderr)).toEqual(['--today: expected a date YYYY-MM-DD, got "2026-02-30"'])
    expect(stipple('consult', '--out', dir).code).toBe(2)
  })
})
