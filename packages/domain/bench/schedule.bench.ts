// Availability search at clinic scale: 10 practitioners at 2 locations over 90 days with 2,000 existing appointments.
import type { Bench } from '../../../scripts/bench-types.ts'
import {
  APPOINTMENT_KINDS,
  type BookedBlock,
  findAvailability,
  type LocationHours,
  type PractitionerHours,
} from '../src/scheduling/availability.ts'
import { zonedToInstant } from '../src/scheduling/zoned-time.ts'

const DAY = 86_400_000

function percentile(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
}

const bench: Bench = {
  name: 'schedule',
  async run({ quick }) {
    const days = 90
    const week = (open: string, close: string) => [1, 2, 3, 4, 5, 6].map((day) => ({ day, open, close }))
    const locations: LocationHours[] = [
      { id: 'toronto', timeZone: 'America/Toronto', openingHours: week('09:00', '19:00'), chairs: ['t1', 't2', 't3'] },
      { id: 'mississauga', timeZone: 'America/Toronto', openingHours: week('10:00', '18:00'), chairs: ['m1', 'm2'] },
    ]
    const practitioners: PractitionerHours[] = Array.from({ length: 10 }, (_, i) => ({
      id: `p${i}`,
      workingHours: [
        {
          locationId: i < 6 ? 'toronto' : 'mississauga',
          hours: week(i % 2 ? '09:00' : '11:00', i % 2 ? '17:00' : '19:00'),
        },
      ],
      timeOff: [],
    }))
    // 2,000 appointments spread over the 90 days, two hours each, deterministic
    const start = zonedToInstant('2026-12-01', 0, 'America/Toronto')
    const booked: BookedBlock[] = []
    let s = 12345
    const rand = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0
      return s / 4294967296
    }
    for (let i = 0; i < 2000; i++) {
      const p = practitioners[Math.floor(rand() * 10)] as PractitionerHours
      const day = Math.floor(rand() * days)
      const t = start + day * DAY + (14 + Math.floor(rand() * 16) * 0.5) * 3_600_000
      const chairs = p.workingHours[0]?.locationId === 'toronto' ? ['t1', 't2', 't3'] : ['m1', 'm2']
      booked.push({
        practitionerId: p.id,
        chairId: chairs[Math.floor(rand() * chairs.length)] as string,
        start: t,
        end: t + 2 * 3_600_000,
      })
    }
    const runs = quick ? 3 : 21
    const times: number[] = []
    let slots = 0
    for (let r = 0; r < runs + 1; r++) {
      const t0 = performance.now()
      slots = 0
      for (const location of locations) {
        slots += findAvailability({
          location,
          practitioners,
          kind: APPOINTMENT_KINDS['smp-session'],
          fromDate: '2026-12-01',
          toDate: '2027-02-28',
          booked,
        }).length
      }
      if (r > 0) times.push(performance.now() - t0) // the first run warms up
    }
    const note = `10 practitioners, 2 locations, 90 days, 2,000 appointments; ${slots} free 3-hour slots found`
    return [
      {
        id: 'schedule.availability',
        unit: 'ms',
        ours: percentile(times, 0.5),
        peer: null,
        peerValue: null,
        note: `median; ${note}`,
      },
      {
        id: 'schedule.availability-p99',
        unit: 'ms',
        ours: percentile(times, 0.99),
        peer: null,
        peerValue: null,
        note: 'p99',
      },
    ]
  },
}

export default bench
