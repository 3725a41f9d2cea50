// The client's photos: the upload, a timeline by date, and a before/after comparison from one angle.
import type { Photo } from '@stipple/domain'
import { useState } from 'react'
import { photoUrl, usePhotos } from '../../api/use-client-file.ts'
import { CompareSlider } from '../../ui/compare-slider.tsx'
import { SelectField } from '../../ui/field.tsx'
import { formatLocalDate } from '../../ui/format.ts'
import { Empty, QueryView } from '../../ui/states.tsx'
import { PhotoUpload } from '../photo-upload.tsx'

export function PhotosTab({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const photos = usePhotos(clinicId, clientId)
  return (
    <div className="stack">
      <PhotoUpload clinicId={clinicId} clientId={clientId} />
      <QueryView query={photos} what="photos">
        {(items) =>
          items.length === 0 ? (
            <Empty>
              <p>No photos yet. Add the first above: photos taken at each session show up here as a timeline.</p>
            </Empty>
          ) : (
            <PhotoTimeline clinicId={clinicId} clientId={clientId} photos={items} />
          )
        }
      </QueryView>
    </div>
  )
}

function PhotoTimeline({ clinicId, clientId, photos }: { clinicId: string; clientId: string; photos: Photo[] }) {
  const angles = [...new Set(photos.map((p) => p.angle))]
  const [angle, setAngle] = useState(angles[0] ?? 'front')
  const ofAngle = photos.filter((p) => p.angle === angle)
  const [beforeId, setBeforeId] = useState<string>('')
  const [afterId, setAfterId] = useState<string>('')
  const before = ofAngle.find((p) => p.id === beforeId) ?? ofAngle[0]
  const after = ofAngle.find((p) => p.id === afterId) ?? ofAngle[ofAngle.length - 1]
  const label = (p: Photo) => `${p.angle} view, ${formatLocalDate(p.takenOn)}`
  const byDate = new Map<string, Photo[]>()
  for (const p of photos) byDate.set(p.takenOn, [...(byDate.get(p.takenOn) ?? []), p])
  return (
    <div className="stack">
      {before !== undefined && after !== undefined && before.id !== after.id ? (
        <div className="card">
          <h2>Before and after</h2>
          <div className="toolbar">
            <SelectField
              label="View"
              value={angle}
              onChange={(e) => setAngle(e.target.value as Photo['angle'])}
              options={angles.map((a) => ({ value: a, label: a }))}
            />
            <SelectField
              label="Before"
              value={before.id}
              onChange={(e) => setBeforeId(e.target.value)}
              options={ofAngle.map((p) => ({ value: p.id, label: formatLocalDate(p.takenOn) }))}
            />
            <SelectField
              label="After"
              value={after.id}
              onChange={(e) => setAfterId(e.target.value)}
              options={ofAngle.map((p) => ({ value: p.id, label: formatLocalDate(p.takenOn) }))}
            />
          </div>
          <CompareSlider
            before={{ src: photoUrl(clinicId, clientId, before.id, 'image'), label: `Before: ${label(before)}` }}
            after={{ src: photoUrl(clinicId, clientId, after.id, 'image'), label: `After: ${label(after)}` }}
          />
        </div>
      ) : null}
      <ol className="timeline">
        {[...byDate].map(([date, list]) => (
          <li key={date}>
            <h3>{formatLocalDate(date)}</h3>
            <ul className="thumbs">
              {list.map((p) => (
                <li key={p.id}>
                  <img
                    src={photoUrl(clinicId, clientId, p.id, 'thumbnail')}
                    alt={label(p)}
                    width={160}
                    height={Math.round((160 * p.height) / p.width)}
                    loading="lazy"
                  />
                  <span className="muted">
                    {p.angle}
                    {p.consent === 'marketing' ? ' · may be shown in the gallery' : ''}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  )
}
