// The client's take-home PDF of a consultation (pdfkit, standard Helvetica so it renders the same everywhere):
// previews, plan with dates, quote, screening in plain words, pre- and aftercare, what to expect, longevity, removal.
import { type ConsultationResult, careInWords, formatDate, formatDuration, formatMoney, winAnsi } from '@stipple/domain'
import PDFDocument from 'pdfkit'

export interface PreviewImage {
  title: string
  /** PNG or JPEG bytes. */
  png: Buffer
}

export interface PdfPreviews {
  sessions: PreviewImage[]
  top: PreviewImage[]
  front: PreviewImage[]
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

const STATUS_WORDS: Record<ConsultationResult['screening']['status'], string> = {
  suitable: 'You are a good candidate for SMP.',
  caution: 'You can go ahead, with the precautions listed under "Your health check".',
  defer: 'Treatment should wait for now: see "Your health check" for why and until when.',
  'not-suitable': 'We cannot recommend SMP for you at this time: see "Your health check".',
}

const OVERALL_WORDS: Record<ConsultationResult['screening']['status'], string> = {
  suitable: 'suitable.',
  caution: 'suitable, with the precautions below.',
  defer: 'not yet: treatment waits, as explained below.',
  'not-suitable': 'not suitable at this time.',
}

const GOAL_WORDS: Record<ConsultationResult['recommendation']['goal'], string> = {
  'shaved-look': 'a full shaved look',
  density: 'added density between your hairs',
  'scar-camouflage': 'scar camouflage',
  hairline: 'a defined hairline',
}

const SEVERITY_WORDS = { info: 'Good to know', caution: 'Precaution', defer: 'Wait', block: 'Not possible' } as const

const INK = '#222222'
const MUTED = '#666666'
const ACCENT = '#2f4f6f'
const RULE = '#c8ced6'
const PAGE_MARGIN = 50

/** Renders the PDF and resolves to its bytes. */
export function clientPdf(result: ConsultationResult, previews: PdfPreviews): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE_MARGIN, bottom: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN },
    bufferPages: true,
    info: { Title: 'Your SMP consultation', Author: 'Stipple', Subject: 'Scalp micropigmentation plan and quote' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const left = PAGE_MARGIN
  const width = doc.page.width - 2 * PAGE_MARGIN
  const bottom = () => doc.page.height - PAGE_MARGIN
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage()
  }
  const text = (t: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(t), options)
  const heading = (t: string) => {
    ensure(60)
    doc.moveDown(0.8)
    doc.font('Helvetica-Bold').fontSize(15).fillColor(ACCENT)
    text(t, { width })
    const y = doc.y + 2
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.7)
      .strokeColor(RULE)
      .stroke()
    doc.moveDown(0.5)
    doc.font('Helvetica').fontSize(10.5).fillColor(INK)
  }
  const para = (t: string) => {
    doc.font('Helvetica').fontSize(10.5).fillColor(INK)
    text(t, { width, lineGap: 2 })
    doc.moveDown(0.4)
  }
  const bullet = (label: string, body: string) => {
    ensure(30)
    const y = doc.y
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK)
    text(label, { width: 150 })
    const labelEnd = doc.y
    doc.font('Helvetica').fontSize(10).fillColor(INK)
    doc.text(winAnsi(body), left + 160, y, { width: width - 160, lineGap: 1.5 })
    doc.x = left
    doc.y = Math.max(doc.y, labelEnd) + 4
  }
  /** A row of cells at fixed x positions; the tallest cell sets the row height. */
  const row = (cells: string[], xs: number[], bold = false, align: ('left' | 'right')[] = []) => {
    ensure(20)
    const y = doc.y
    let end = y
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10)
    cells.forEach((c, i) => {
      const x = xs[i] ?? left
      const w = (xs[i + 1] ?? left + width) - x - 6
      doc.text(winAnsi(c), x, y, { width: w, align: align[i] ?? 'left' })
      end = Math.max(end, doc.y)
    })
    doc.x = left
    doc.y = end + 3
  }
  const rule = () => {
    const y = doc.y
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.y = y + 4
  }

  const { plan, quote, screening, dates, recommendation } = result
  const money = (a: number) => formatMoney(a, quote.currency)
  const n = plan.sessions.length

  // --- cover ---
  doc.rect(0, 0, doc.page.width, 92).fill(ACCENT)
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(22)
  doc.text('Your SMP consultation', left, 30, { width })
  doc.font('Helvetica').fontSize(11)
  doc.text(
    winAnsi(`Scalp micropigmentation plan and quote · prepared ${formatDate(result.consultationDate)}`),
    left,
    60,
    {
      width,
    }
  )
  doc.y = 112
  doc.x = left
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK)
  text(STATUS_WORDS[screening.status], { width })
  doc.moveDown(0.3)
  doc.font('Helvetica').fontSize(10.5)
  text(
    `We recommend ${GOAL_WORDS[recommendation.goal]} in ${n} sessions, ${plan.spacingDays} days apart: ${formatDate(dates.firstSession)} to ${formatDate(dates.finalSession)}${dates.provisional ? ' (provisional)' : ''}. Total ${money(quote.total)}.`,
    { width, lineGap: 2 }
  )

  // --- previews ---
  heading('Your previews')
  para(
    'Simulated previews on a model head, not photographs of you: each image carries the mark "Simulated". They show how the dots build up after each healed session, and how the finished result fades over the years.'
  )
  const grid = (images: PreviewImage[], caption: string, maxSize = 150) => {
    if (images.length === 0) return
    const gap = 12
    const size = Math.min(maxSize, (width - gap * (images.length - 1)) / images.length)
    ensure(size + 40)
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK)
    text(caption, { width })
    const y = doc.y + 2
    images.forEach((img, i) => {
      const x = left + i * (size + gap)
      doc.image(img.png, x, y, { width: size, height: size })
      doc.rect(x, y, size, size).lineWidth(0.5).strokeColor(RULE).stroke()
      doc.font('Helvetica').fontSize(8.5).fillColor(MUTED)
      doc.text(winAnsi(img.title), x, y + size + 3, { width: size, align: 'center' })
    })
    doc.x = left
    doc.y = y + size + 18
    doc.fillColor(INK)
  }
  // the session row stays small so that all three rows fit on the first page
  grid(previews.sessions, 'After each session, healed (from above)', 112)
  grid(previews.top, 'The finished result over the years (from above)')
  grid(previews.front, 'The finished result over the years (from the front)')

  // --- plan ---
  doc.addPage()
  heading('Your plan')
  para(
    `${n} sessions, ${plan.spacingDays} days apart. Treated area about ${Math.round(plan.treatedAreaCm2)} cm² of scalp, ${plan.totalDots.toLocaleString('en-US')} dots, laid down in ${plan.totalImpressions.toLocaleString('en-US')} needle impressions. ${plan.sessionReason}`
  )
  if (dates.provisional) para(dates.note)
  else if (dates.firstSession !== result.consultationDate) {
    para(`The first session can be booked from ${formatDate(dates.firstSession)}.`)
  }
  const px = [left, left + 48, left + 160, left + 235, left + 295, left + 375, left + 445]
  row(['Session', 'Date', 'About', 'Dots', 'Impressions', 'Needle', 'Dilution'], px, true)
  rule()
  for (const s of plan.sessions) {
    row(
      [
        String(s.index),
        formatDate(s.date),
        formatDuration(s.durationMinutes),
        s.dots.toLocaleString('en-US'),
        s.impressions.toLocaleString('en-US'),
        s.needle,
        s.shadeDilution,
      ],
      px
    )
  }
  rule()
  doc.font('Helvetica').fontSize(9).fillColor(MUTED)
  text('Session times include set-up and breaks.', { width })
  doc.fillColor(INK)
  doc.moveDown(0.4)
  bullet('Hairline', recommendation.reasons.hairline)
  bullet('Shade', recommendation.reasons.shade)
  if (recommendation.reasons.scars) bullet('Scars', recommendation.reasons.scars)

  // --- quote ---
  heading('Your quote')
  const qx = [left, left + width - 120]
  for (const l of quote.lines) row([l.label, money(l.amount)], qx, false, ['left', 'right'])
  rule()
  row(['Total', money(quote.total)], qx, true, ['left', 'right'])
  doc.moveDown(0.3)
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK)
  text('Later, if you need them (not in the total)', { width })
  doc.moveDown(0.2)
  for (const l of quote.later) row([l.label, money(l.amount)], qx, false, ['left', 'right'])
  doc.moveDown(0.3)
  doc.font('Helvetica').fontSize(9).fillColor(MUTED)
  for (const note of quote.notes) text(note, { width })
  doc.fillColor(INK)

  // --- screening ---
  heading('Your health check')
  para(`Overall: ${OVERALL_WORDS[screening.status]}`)
  if (screening.findings.length === 0) para('Nothing in your answers stands in the way of treatment.')
  for (const f of screening.findings) {
    bullet(SEVERITY_WORDS[f.severity], `${f.message}${f.until ? ` Earliest start: ${formatDate(f.until)}.` : ''}`)
  }

  // --- care: the rules of one session in days, then the dated rules of the final session ---
  const day = (d: number) => formatDate(addDays(dates.firstSession, d))
  const span = (from: number, to: number) => (from === to ? day(from) : `${day(from)} to ${day(to)}`)
  const care = careInWords(result)
  heading('Before each session')
  for (const c of care.before) bullet(c.label, c.text)
  heading('Aftercare')
  para('After every session (day 0 is the day of the session):')
  for (const c of care.after) bullet(c.label, c.text)
  para('After the final session:')
  for (const c of care.afterFinal) bullet(span(c.fromDay, c.toDay), c.text)
  heading('What to expect between sessions')
  para(result.betweenSessions)
  heading('How long it lasts, and touch-ups')
  para(
    `Expect a touch-up after about ${result.longevity.touchUpAfterYears} years; without one, the result keeps reading as hair for about ${result.longevity.visibleYears} years.`
  )
  for (const t of result.longTermCare) bullet('From then on', t)
  heading('If you ever want it removed')
  para(result.removal.note)
  para(
    `Estimate: ${result.removal.laserSessions.min} to ${result.removal.laserSessions.max} sessions, ${money(result.removal.cost.min)} to ${money(result.removal.cost.max)} at today's prices.`
  )

  // footer on every page: the reminder and the page number
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    doc.page.margins.bottom = 0
    doc.font('Helvetica').fontSize(8).fillColor(MUTED)
    doc.text(
      winAnsi(`Previews are simulated. Page ${i + 1} of ${range.count}`),
      left,
      doc.page.height - PAGE_MARGIN + 18,
      { width, align: 'center', lineBreak: false }
    )
  }
  doc.end()
  return done
}
