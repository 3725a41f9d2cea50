// A location as a visitor needs it: where it is, how to call, and when it is open (the server's hours, local to it).
import type { PublicLocation } from '../api/types.ts'
import { formatLocalTime } from '../ui/format.ts'

function addressLines(address: Record<string, string> | undefined): string[] {
  if (address === undefined) return []
  const place = [address.city, address.region].filter(Boolean).join(', ')
  return [address.line1, address.line2, [place, address.postalCode].filter(Boolean).join(' ')].filter(
    (l): l is string => l !== undefined && l !== ''
  )
}

export function LocationCard({ location, heading = 'h3' }: { location: PublicLocation; heading?: 'h2' | 'h3' }) {
  const Heading = heading
  const todayKey = location.week[(new Date(`${location.today}T12:00:00Z`).getUTCDay() + 6) % 7]?.day
  return (
    <article className="card location" aria-labelledby={`location-${location.id}`}>
      <Heading id={`location-${location.id}`}>{location.name}</Heading>
      <div className="location-body">
        <address>
          {addressLines(location.address).map((l) => (
            <span key={l}>
              {l}
              <br />
            </span>
          ))}
          {location.phone === null ? null : (
            <a href={`tel:${location.phone.replace(/[^+0-9]/g, '')}`}>{location.phone}</a>
          )}
        </address>
        <table className="hours">
          <caption className="sr-only">Opening hours, local time</caption>
          <tbody>
            {location.week.map((d) => (
              <tr key={d.day} className={d.day === todayKey ? 'today' : undefined}>
                <th scope="row">{d.name}</th>
                <td>
                  {d.ranges.length === 0
                    ? 'Closed'
                    : d.ranges
                        .map(([open, close]) => `${formatLocalTime(open)} – ${formatLocalTime(close)}`)
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  )
}
