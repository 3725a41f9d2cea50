// The clinic's home page: what SMP is, the services, the practitioners and their credentials, and results.
import { Link } from 'react-router'
import { formatLocalDate } from '../ui/format.ts'
import { Empty, QueryView } from '../ui/states.tsx'
import { useClinic, useClinicSlug, usePractitioners } from './clinic-api.ts'
import { SERVICES } from './content.ts'
import { GalleryGrid } from './gallery-page.tsx'
import { LocationCard } from './location-card.tsx'

export function HomePage() {
  const { slug, prefix } = useClinicSlug()
  const clinic = useClinic(slug)
  const team = usePractitioners(slug)
  return (
    <>
      <section className="hero">
        <h1>{clinic.data?.name ?? team.data?.clinic?.name ?? 'Scalp micropigmentation'}</h1>
        <p className="lead">
          Scalp micropigmentation lays thousands of tiny dots of pigment on the scalp to look like the follicles of a
          shaved head, to add density to thinning hair, or to hide scars.
        </p>
        <p className="actions">
          <Link className="button" to={`${prefix}/book`}>
            Book a free consultation
          </Link>
          <Link className="button button-secondary" to={`${prefix}/estimate`}>
            Estimate the cost
          </Link>
        </p>
      </section>
      <section aria-labelledby="services-title">
        <h2 id="services-title">What we treat</h2>
        <ul className="cards">
          {SERVICES.map((s) => (
            <li key={s.id} className="card">
              <h3>{s.title}</h3>
              <p>{s.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="locations-title">
        <h2 id="locations-title">Where to find us</h2>
        <QueryView query={clinic} what="our locations">
          {(data) =>
            data.locations.length === 0 ? (
              <Empty>
                <p>Our locations will appear here soon.</p>
              </Empty>
            ) : (
              <div className="location-info">
                {data.locations.map((l) => (
                  <LocationCard key={l.id} location={l} />
                ))}
              </div>
            )
          }
        </QueryView>
      </section>
      <section aria-labelledby="team-title">
        <h2 id="team-title">Our practitioners</h2>
        <Practitioners slug={slug} />
      </section>
      <section aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <p>
          Real clients, photographed before and after treatment, who agreed to share their photos.{' '}
          <Link to={`${prefix}/gallery`}>See all results</Link>.
        </p>
        <GalleryGrid slug={slug} limit={4} />
      </section>
    </>
  )
}

function Practitioners({ slug }: { slug: string }) {
  const query = usePractitioners(slug)
  return (
    <QueryView query={query} what="our practitioners">
      {(data) =>
        data.items.length === 0 ? (
          <Empty>
            <p>Our practitioners' profiles will appear here soon.</p>
          </Empty>
        ) : (
          <ul className="cards">
            {data.items.map((p) => (
              <li key={p.displayName} className="card">
                <h3>{p.displayName}</h3>
                {p.credentials.length === 0 ? (
                  <p>Credentials on request.</p>
                ) : (
                  <ul className="plain">
                    {p.credentials.map((c) => (
                      <li key={`${c.title}-${c.issuer}`}>
                        <strong>{c.title}</strong>, {c.issuer}
                        {c.number === null ? '' : ` (no. ${c.number})`}
                        {c.expiresOn === null ? '' : ` · valid to ${formatLocalDate(c.expiresOn)}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  )
}
