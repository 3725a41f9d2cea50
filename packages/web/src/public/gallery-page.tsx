// Before-and-after photos of real clients who signed a marketing consent; the server lists nothing else, and
// simulated previews are never among them.
import { Empty, QueryView } from '../ui/states.tsx'
import { galleryImageUrl, useClinicSlug, useGallery } from './clinic-api.ts'

export function GalleryGrid({ slug, limit }: { slug: string; limit?: number }) {
  const query = useGallery(slug)
  return (
    <QueryView query={query} what="results">
      {(data) => {
        const items = limit === undefined ? data.items : data.items.slice(0, limit)
        if (items.length === 0)
          return (
            <Empty>
              <p>No photos to show yet. Ask to see results at your consultation.</p>
            </Empty>
          )
        return (
          <ul className="gallery">
            {items.map((item) => (
              <li key={item.after.photoId} className="gallery-item">
                {item.before === null ? null : (
                  <figure>
                    <img
                      src={galleryImageUrl(slug, item.before.photoId)}
                      width={item.before.width}
                      height={item.before.height}
                      alt={`Before treatment, ${item.angle} view`}
                      loading="lazy"
                    />
                    <figcaption>Before</figcaption>
                  </figure>
                )}
                <figure>
                  <img
                    src={galleryImageUrl(slug, item.after.photoId)}
                    width={item.after.width}
                    height={item.after.height}
                    alt={`After treatment, ${item.angle} view`}
                    loading="lazy"
                  />
                  <figcaption>After</figcaption>
                </figure>
              </li>
            ))}
          </ul>
        )
      }}
    </QueryView>
  )
}

export function GalleryPage() {
  const { slug } = useClinicSlug()
  return (
    <section aria-labelledby="gallery-title">
      <h1 id="gallery-title">Results</h1>
      <p>
        Photos of real clients, shared with their written consent. Every photo is unretouched; none is a simulation.
      </p>
      <GalleryGrid slug={slug} />
    </section>
  )
}
