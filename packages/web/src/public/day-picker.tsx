// Free times one day at a time: the week's days in a row (each saying how many times it has), the chosen day's times
// below, and the week before or after. Every date and time is the server's, in the location's own zone: the browser
// only lays them out.
import { useState } from 'react'
import type { PublicSlot } from '../api/types.ts'
import { addDays, formatLocalDate, formatLocalDay, formatLocalTime } from '../ui/format.ts'
import { ErrorNote, Loading } from '../ui/states.tsx'
import { useAvailability } from './clinic-api.ts'

const WEEK_DAYS = 7

export function DayPicker(props: {
  slug: string
  locationId: string
  locationName: string
  selected: string | null
  disabled?: boolean
  onPick: (slot: PublicSlot) => void
}) {
  // null: the coming week from today at the location, as the server counts it
  const [from, setFrom] = useState<string | null>(null)
  const [day, setDay] = useState<string | null>(null)
  const availability = useAvailability(props.slug, props.locationId, from, from === null ? null : addDays(from, 6))
  if (availability.isPending) return <Loading what="free times" />
  if (availability.isError) return <ErrorNote error={availability.error} retry={() => void availability.refetch()} />
  const week = availability.data
  const shown = week.days.find((d) => d.date === day && d.times > 0) ?? week.days.find((d) => d.times > 0) ?? null
  const times = shown === null ? [] : week.times.filter((t) => t.startsAtLocal.date === shown.date)
  const move = (days: number) => {
    setFrom(addDays(week.from, days))
    setDay(null)
  }
  return (
    <div className="day-picker">
      <div className="week-nav">
        <button
          type="button"
          className="button button-secondary"
          disabled={week.from <= week.today}
          onClick={() => move(-WEEK_DAYS)}
        >
          Earlier week
        </button>
        <span className="date-label">
          {formatLocalDate(week.from)} – {formatLocalDate(week.to)}
        </span>
        <button type="button" className="button button-secondary" onClick={() => move(WEEK_DAYS)}>
          Later week
        </button>
      </div>
      <ul className="day-strip" aria-label="Days of the week">
        {week.days.map((d) => {
          const label = formatLocalDay(d.date)
          const current = shown?.date === d.date
          return (
            <li key={d.date}>
              <button
                type="button"
                className={current ? 'day day-selected' : 'day'}
                aria-pressed={current}
                disabled={d.times === 0}
                aria-label={`${formatLocalDate(d.date)}: ${d.times === 0 ? 'no free times' : `${d.times} free time${d.times === 1 ? '' : 's'}`}`}
                onClick={() => setDay(d.date)}
              >
                <span className="day-name">{d.date === week.today ? 'Today' : label.weekday}</span>
                <span className="day-date">{label.day}</span>
                <span className="day-count">{d.times === 0 ? 'No times' : `${d.times} free`}</span>
              </button>
            </li>
          )
        })}
      </ul>
      {shown === null ? (
        <p className="state state-empty">
          No free times this week at {props.locationName}. Try the next week, or another location.
        </p>
      ) : (
        <div className="slot-day">
          <h3>{formatLocalDate(shown.date)}</h3>
          <ul className="slot-list">
            {times.map((s) => (
              <li key={s.startsAt}>
                <button
                  type="button"
                  className={props.selected === s.startsAt ? 'slot slot-selected' : 'slot'}
                  aria-pressed={props.selected === s.startsAt}
                  disabled={props.disabled}
                  onClick={() => props.onPick(s)}
                >
                  {formatLocalTime(s.startsAtLocal.time)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
