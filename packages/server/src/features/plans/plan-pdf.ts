// The client's plan and quote as a PDF to take home (pdfkit with the standard Helvetica, so every string goes through
// the domain's `winAnsi`): clinic, location, client and date; the design's previews as the engine drew them, each
// marked "Simulated"; the plan's areas and sessions with their booked or performed dates; the quote exactly as stored; what to expect,
// aftercare and touch-ups in the domain's own words. Pure: the service gathers the facts, this only lays them out.
import {
  type Care,
  type CareLine,
  careInWords,
  formatDate,
  formatDuration,
  formatMinorMoney,
  winAnsi,
} from '@stipple/domain'
import PDFDocument from 'pdfkit'
import type { TreatmentPlan } from './plans.schema.ts'

export interface SheetImage {
  caption: string
  /** JPEG or PNG bytes, marked "Simulated" by the engine's renderer. */
  image: Buffer
}

export interface PlanSheet {
  clinicName: string
  locationName: string | null
  clientName: string
  /** The day the PDF is made, in the location's time zone (YYYY-MM-DD). */
  printedOn: string
  /** The day the plan was made (YYYY-MM-DD). */
  plannedOn: string
  plan: TreatmentPlan['plan']
  quote: TreatmentPlan['quote']
  /** The treated areas in plain words. */
  areas: string[]
  /**
   * By session index, in words: the day a session was performed (`done on Tue, 3 Nov 2026`), else its booked time in
   * the plan's course (`Tue, 8 Dec 2026, 10:00 at Downtown`); a session in neither is not booked yet.
   */
  dates: ReadonlyMap<number, string>
  images: SheetImage[]
  /** Why previews are missing, when any is. */
  imageNote: string | null
  care: Pick<Care, 'precare' | 'aftercare' | 'betweenSessions' | 'longTerm'>
  /** Years until a touch-up, from the consultation's estimate; null without one. */
  touchUpAfterYears: number | null
  /** Said above the care when it is the care every client gets (a copy printed without the intake's facts). */
  careNote?: string
}

const MARGIN = 48
const BAND = 96
const INK = '#1f2328'
const SOFT = '#5f6b76'
const BRAND = '#2f4f6f'
const LINE = '#cfd6de'

interface Column {
  width: number
  align?: 'left' | 'right' | 'center'
  /** Space kept empty at the column's right, points (8 unless given). */
  gap?: number
}

interface TableOptions {
  /** The first row is a header: bold, with a line below. */
  header?: boolean
  /** The first column in bold (labels). */
  boldFirst?: boolean
  size?: number
  colour?: string
}

/** A pdfkit document with the few shapes the sheet needs: sections, paragraphs, labelled lines, tables, pictures. */
class Sheet {
  readonly doc: PDFKit.PDFDocument
  readonly #chunks: Buffer[] = []
  readonly #done: Promise<Buffer>

  constructor(title: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: winAnsi(title), Author: 'Stipple', Subject: 'Scalp micropigmentation plan and quote' },
    })
    this.doc.on('data', (chunk: Buffer) => this.#chunks.push(chunk))
    this.#done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.#chunks)))
      this.doc.on('error', reject)
    })
  }

  get width(): number {
    return this.doc.page.width - 2 * MARGIN
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage()
  }

  band(title: string, subtitle: string): void {
    const { doc } = this
    doc.rect(0, 0, doc.page.width, BAND).fill(BRAND)
    doc.font('Helvetica-Bold').fontSize(21).fillColor('#ffffff')
    doc.text(winAnsi(title), MARGIN, 28, { width: this.width })
    doc.font('Helvetica').fontSize(11)
    doc.text(winAnsi(subtitle), MARGIN, 60, { width: this.width })
    doc.x = MARGIN
    doc.y = BAND + 20
  }

  write(text: string, style: { size?: number; bold?: boolean; colour?: string; after?: number } = {}): void {
    this.doc
      .font(style.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(style.size ?? 10.5)
      .fillColor(style.colour ?? INK)
      .text(winAnsi(text), MARGIN, this.doc.y, { width: this.width, lineGap: 2 })
    this.doc.moveDown(style.after ?? 0.4)
  }

  section(name: string): void {
    this.keep(70)
    this.doc.moveDown(0.7)
    this.write(name, { size: 14, bold: true, colour: BRAND, after: 0.15 })
    this.rule(0.8)
    this.doc.moveDown(0.4)
  }

  /** A line of `label` in bold beside its text, wrapped in a column of its own. */
  labelled(label: string, text: string): void {
    this.table([[label, text]], [{ width: 140 }, { width: this.width - 140 }], { boldFirst: true })
  }

  /** Rows of cells in fixed columns; each row is as tall as its tallest cell. */
  table(rows: string[][], columns: Column[], options: TableOptions = {}): void {
    const { doc } = this
    rows.forEach((cells, r) => {
      const bold = options.header === true && r === 0
      this.keep(22)
      const top = doc.y
      let bottom = top
      let x = MARGIN
      cells.forEach((cell, c) => {
        const column = columns[c] ?? { width: 0 }
        doc
          .font(bold || (options.boldFirst === true && c === 0) ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(options.size ?? 10)
          .fillColor(options.colour ?? INK)
          .text(winAnsi(cell), x, top, { width: column.width - (column.gap ?? 8), align: column.align ?? 'left' })
        bottom = Math.max(bottom, doc.y)
        x += column.width
      })
      doc.x = MARGIN
      doc.y = bottom + 4
      if (bold) this.rule(0.5)
    })
  }

  /** Square pictures side by side in thin frames, with a row of captions below. */
  pictures(images: SheetImage[]): void {
    if (images.length === 0) return
    const { doc } = this
    const gap = 14
    const side = Math.min(170, (this.width - gap * (images.length - 1)) / images.length)
    this.keep(side + 36)
    const top = doc.y
    images.forEach((image, i) => {
      const left = MARGIN + i * (side + gap)
      doc.image(image.image, left, top, { fit: [side, side] }).rect(left, top, side, side)
      doc.lineWidth(0.5).strokeColor(LINE).stroke()
    })
    doc.y = top + side + 4
    const captions: Column[] = images.map(() => ({ width: side + gap, gap, align: 'center' }))
    this.table([images.map((image) => image.caption)], captions, { size: 8.5, colour: SOFT })
    doc.moveDown(0.6)
  }

  /** Writes `footer(page, pages)` at the foot of every page and resolves to the PDF's bytes. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer> {
    const { doc } = this
    const { start, count } = doc.bufferedPageRange()
    for (let i = 0; i < count; i++) {
      doc.switchToPage(start + i)
      // below the bottom margin: without this, pdfkit would start a new page for the footer
      doc.page.margins.bottom = 0
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(SOFT)
        .text(winAnsi(footer(i + 1, count)), MARGIN, doc.page.height - MARGIN + 16, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        })
    }
    doc.end()
    return this.#done
  }

  /** A thin line across the page. */
  rule(weight = 0.5): void {
    const y = this.doc.y
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(weight)
      .strokeColor(LINE)
      .stroke()
    this.doc.y = y + 4
  }
}

const count = (n: number) => n.toLocaleString('en-US')
const list = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`

function planSection(sheet: Sheet, s: PlanSheet): void {
  const { plan } = s
  const n = plan.sessions.length
  sheet.section('Your plan')
  const areas = s.areas.length > 0 ? `: ${list(s.areas)}` : ''
  sheet.write(
    `${n} ${n === 1 ? 'session' : `sessions, about ${plan.spacingDays} days apart`}. Treated area about ${Math.round(plan.treatedAreaCm2)} cm² of scalp${areas}. ${count(plan.totalDots)} dots, laid down in ${count(plan.totalImpressions)} needle impressions.`
  )
  if (plan.sessionReason) sheet.write(plan.sessionReason)
  const rows = plan.sessions.map((session) => [
    String(session.index),
    session.dayOffset === 0 ? 'first' : `day ${session.dayOffset}`,
    formatDuration(session.durationMinutes),
    s.dates.get(session.index) ??
      (session.date === undefined ? 'not booked yet' : `not booked yet (planned for ${formatDate(session.date)})`),
  ])
  const w = sheet.width
  sheet.table(
    [['Session', 'When', 'About', 'Date'], ...rows],
    [{ width: 56 }, { width: 70 }, { width: 80 }, { width: w - 206 }],
    { header: true }
  )
  sheet.write('Session times include set-up and breaks. "Day 14" counts days from the first session.', {
    size: 9,
    colour: SOFT,
  })
}

function quoteSection(sheet: Sheet, quote: PlanSheet['quote']): void {
  sheet.section('Your quote')
  if (quote === null) {
    sheet.write('The clinic has not added a quote to this plan yet.')
    return
  }
  const money = (minor: number) => formatMinorMoney(minor, quote.currency)
  const columns: Column[] = [{ width: sheet.width - 130 }, { width: 130, align: 'right' }]
  sheet.table(
    quote.lines.map((l) => [l.label, money(l.amountMinor)]),
    columns
  )
  sheet.rule()
  sheet.table([['Total', money(quote.totalMinor)]], columns, { boldFirst: true })
  if (quote.later.length > 0) {
    sheet.doc.moveDown(0.4)
    sheet.write('Later, if you need them (not in the total)', { bold: true, size: 10, after: 0.2 })
    sheet.table(
      quote.later.map((l) => [l.label, money(l.amountMinor)]),
      columns
    )
  }
  for (const note of quote.notes) sheet.write(note, { size: 9, colour: SOFT, after: 0.15 })
}

function careSection(sheet: Sheet, s: PlanSheet): void {
  const words = careInWords(s.care)
  const lines = (items: CareLine[]) => {
    for (const c of items) sheet.labelled(c.label, c.text)
  }
  if (s.careNote !== undefined) sheet.write(s.careNote, { size: 9, colour: SOFT, after: 0.3 })
  if (s.plan.sessions.length > 1) {
    sheet.section('What to expect between sessions')
    sheet.write(s.care.betweenSessions)
  }
  sheet.section('Before each session')
  lines(words.before)
  sheet.section('Aftercare')
  sheet.write('After every session (day 0 is the day of the session):')
  lines(words.after)
  sheet.doc.moveDown(0.3)
  sheet.write('After the final session:')
  lines(words.afterFinal)
  sheet.section('Touch-ups')
  sheet.write(
    s.touchUpAfterYears === null
      ? 'SMP fades slowly with sun and time. Most clients come back for a short touch-up session every 2 to 4 years to bring the shade and density back.'
      : `Expect a touch-up after about ${s.touchUpAfterYears} years: SMP fades slowly with sun and time, and a short touch-up session brings the shade and density back.`
  )
  for (const t of s.care.longTerm) sheet.labelled('From then on', t)
}

/** The PDF of one plan with its quote. */
export function planPdf(s: PlanSheet): Promise<Buffer> {
  const sheet = new Sheet('Your SMP plan and quote')
  const where = s.locationName === null ? s.clinicName : `${s.clinicName}, ${s.locationName}`
  sheet.band('Your SMP plan and quote', `${where} · ${formatDate(s.printedOn)}`)
  sheet.write(`Prepared for ${s.clientName}`, { size: 12, bold: true, after: 0.2 })
  sheet.write(`Your plan of ${formatDate(s.plannedOn)}, as it stands on ${formatDate(s.printedOn)}.`)

  sheet.section('Your previews')
  sheet.write(
    'Simulated previews on a model head, not photographs of you: each image carries the mark "Simulated". They show the result healed after the final session, and how it fades over the years.'
  )
  sheet.pictures(s.images)
  if (s.imageNote !== null) sheet.write(s.imageNote, { colour: SOFT })

  planSection(sheet, s)
  quoteSection(sheet, s.quote)
  careSection(sheet, s)
  return sheet.finish((page, pages) => `${s.clinicName} · Previews are simulated. Page ${page} of ${pages}`)
}
