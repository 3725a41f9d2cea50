// What the clinic's emails say: appointment reminders, pre-care, aftercare timed from each session, the note on what
// to expect between sessions, the touch-up recall and the public booking confirmation. Pure text blocks; the server
// renders them as plain text and HTML. Aftercare days come from `careFor` (consultation/aftercare.ts), never a copy.

import { type Care, type CareItem, careFor } from '../consultation/aftercare.ts'
import type { Intake } from '../intake/intake.schema.ts'

export type MessageBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] }

export interface MessageText {
  subject: string
  blocks: MessageBlock[]
}

/** What aftercare depends on: skin type (sun time on day 5), minoxidil use, and whether the head is kept shaved. */
export interface CareFacts {
  fitzpatrick: number
  minoxidil: boolean
  shaved: boolean
}

/** The course's care, days counted from its first session (as the consultation's plan counts them). */
export function courseCare(facts: CareFacts, dayOffsets: readonly number[]): Care {
  const intake: Intake = {
    schema: 'stipple.intake/v1',
    client: {
      sex: 'other',
      head: 'male',
      age: 30,
      fitzpatrick: facts.fitzpatrick,
      hairColor: 'black',
      hairLength: 'shaved',
    },
    hairLoss: { scale: 'none' },
    ...(facts.minoxidil ? { medical: { medications: [{ name: 'minoxidil' }] } } : {}),
  }
  return careFor(intake, dayOffsets, [], facts.shaved)
}

/** The instructions that apply on `day` (inclusive ranges). */
export function careOnDay(items: readonly CareItem[], day: number): CareItem[] {
  return items.filter((i) => i.fromDay <= day && day <= i.toDay)
}

/**
 * The days after a session (0 = the session day) worth an email: the day itself, then each day a rule of that session
 * ends (the day after its `toDay`, DOMAIN §6.3), before the next session when there is one.
 */
export function aftercareDays(items: readonly CareItem[], sessionDay: number, nextSessionDay: number | null): number[] {
  const until = nextSessionDay === null ? Number.POSITIVE_INFINITY : nextSessionDay - sessionDay
  const days = new Set<number>([0])
  for (const item of items) {
    if (item.fromDay < sessionDay || (nextSessionDay !== null && item.fromDay >= nextSessionDay)) continue
    const after = item.toDay + 1 - sessionDay
    if (after > 0 && after < until) days.add(after)
  }
  return [...days].sort((a, b) => a - b)
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function aftercareText(input: {
  clientName: string
  clinicName: string
  dayAfterSession: number
  sessionIndex: number
  /** The session's day in the course's count (the items' `fromDay`/`toDay` count the same way). */
  sessionDay: number
  today: readonly CareItem[]
  finished: readonly CareItem[]
}): MessageText {
  const { dayAfterSession: day } = input
  const subject =
    day === 0
      ? `Looking after your scalp after session ${input.sessionIndex}`
      : `Aftercare: ${plural(day, 'day', 'days')} after session ${input.sessionIndex}`
  const blocks: MessageBlock[] = [
    { kind: 'paragraph', text: `Hello ${input.clientName},` },
    {
      kind: 'paragraph',
      text:
        day === 0
          ? `Thank you for coming in today. Here is how to look after your scalp while it heals. We will write again on the days something changes.`
          : `It is ${plural(day, 'day', 'days')} since session ${input.sessionIndex}. Here is where your aftercare stands today.`,
    },
  ]
  if (input.finished.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'These have run their course, so you can stop them from today:' })
    blocks.push({ kind: 'list', items: input.finished.map((i) => i.instruction) })
  }
  if (input.today.length > 0) {
    blocks.push({ kind: 'paragraph', text: day === 0 ? 'For the next few days:' : 'Still keep to these:' })
    blocks.push({
      kind: 'list',
      items: input.today.map((i) => {
        const last = i.toDay - input.sessionDay
        return `${i.instruction} ${last === day ? '(today is the last day)' : `(through day ${last})`}`
      }),
    })
  }
  blocks.push({
    kind: 'paragraph',
    text: `If you notice swelling, heat, pus or a fever, call ${input.clinicName} straight away.`,
  })
  return { subject, blocks }
}

export function betweenSessionsText(input: { clientName: string; note: string }): MessageText {
  return {
    subject: 'What to expect between your sessions',
    blocks: [
      { kind: 'paragraph', text: `Hello ${input.clientName},` },
      { kind: 'paragraph', text: input.note },
      { kind: 'paragraph', text: 'If anything worries you, reply to this email or call us; we are glad to look.' },
    ],
  }
}

/** Pre-care a week before a treatment session (DOMAIN §6.1, §6.2). */
export function precareText(input: { clientName: string; when: string }): MessageText {
  const items = [
    // [PMOH]: stop 7 days before and 7 days after
    'If you use minoxidil, pause it from today until a week after the session.',
    // [ENH-PRE]; [MIA]: never stop prescribed drugs without the physician
    'No aspirin or ibuprofen for the week before. If a doctor prescribed a blood thinner, keep taking it and tell us: do not stop it without your doctor.',
    // [COFFEE], [LUX]: 48–72 h
    'No vitamin E or fish oil for 3 days before.',
    // [ENH-PRE]
    'No sunbed or tanning this week, and moisturise your scalp each day.',
    // [JJ]: shave or cut 48 h before, clipper #0 [ENH-PRE]
    'Clip your head short with a clipper (no razor) a day or two before.',
    // [ENH-PRE], [MIA]
    'No alcohol or caffeine for 24 hours before.',
    'On the day, come with a clean scalp: washed, with no creams, oils or products on it.',
  ]
  return {
    subject: 'Getting ready for your session next week',
    blocks: [
      { kind: 'paragraph', text: `Hello ${input.clientName},` },
      { kind: 'paragraph', text: `Your session is on ${input.when}. A few things help the pigment settle well:` },
      { kind: 'list', items },
      {
        kind: 'paragraph',
        // [JJ]: redness, breakouts or infection on the day: reschedule
        text: 'If your scalp is red, broken out, sunburnt or sore on the day, call us and we will find a new date.',
      },
    ],
  }
}

export function appointmentReminderText(input: {
  clientName: string
  what: string
  when: string
  where: string
  hoursBefore: 24 | 48
  treatment: boolean
}): MessageText {
  const blocks: MessageBlock[] = [
    { kind: 'paragraph', text: `Hello ${input.clientName},` },
    {
      kind: 'paragraph',
      text: `A reminder of your ${input.what} ${input.hoursBefore === 24 ? 'tomorrow' : 'in two days'}: ${input.when}, at ${input.where}.`,
    },
  ]
  if (input.treatment) {
    blocks.push({
      kind: 'list',
      items: [
        'Come with a clean scalp: washed, with no creams, oils or products on it.',
        'No alcohol or caffeine for 24 hours before.',
        'Eat beforehand and bring a loose, clean hat for afterwards.',
      ],
    })
  }
  blocks.push({ kind: 'paragraph', text: 'If you cannot make it, please tell us as early as you can.' })
  return { subject: `Reminder: your ${input.what} on ${input.when}`, blocks }
}

export function touchUpRecallText(input: { clientName: string; clinicName: string; years: number }): MessageText {
  return {
    subject: 'Time to think about a touch-up',
    blocks: [
      { kind: 'paragraph', text: `Hello ${input.clientName},` },
      {
        kind: 'paragraph',
        // DOMAIN §5: touch-up intervals, default 4 years
        text: `It has been about ${plural(input.years, 'year', 'years')} since your final session. Scalp micropigmentation fades slowly with sun and time, and a short touch-up session brings the shade and density back.`,
      },
      { kind: 'paragraph', text: `Reply to this email or call ${input.clinicName} to book one when it suits you.` },
    ],
  }
}

export function bookingConfirmationText(input: {
  name: string
  what: string
  when: string
  where: string
  clinicName: string
}): MessageText {
  return {
    subject: `Your ${input.what} at ${input.clinicName} is booked`,
    blocks: [
      { kind: 'paragraph', text: `Hello ${input.name},` },
      { kind: 'paragraph', text: `Thank you for booking. Your ${input.what} is on ${input.when}, at ${input.where}.` },
      {
        kind: 'paragraph',
        text: 'You can cancel or move it with the link below. We will send a reminder the day before.',
      },
    ],
  }
}

export type { Care, CareItem }
