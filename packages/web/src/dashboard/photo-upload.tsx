// Add a photo from the tablet's camera or files: which view, the day it was taken, and whether the client agreed to
// its use in the public gallery (only with a signed photography-marketing consent, which the server checks).
import { PHOTO_ANGLES, type Photo } from '@stipple/domain'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, upload } from '../api/client.ts'
import { clientPath } from '../api/paths.ts'
import { FormErrors, SelectField, TextField } from '../ui/field.tsx'
import { useClinicSetup } from './clinic-context.ts'

export function PhotoUpload({ clinicId, clientId }: { clinicId: string; clientId: string }) {
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [angle, setAngle] = useState<string>('front')
  // today as the clinic's main location's clock shows it, from the server (never the browser's zone data)
  const setup = useClinicSetup(clinicId)
  const [chosenDate, setTakenOn] = useState<string | null>(null)
  const takenOn = chosenDate ?? setup.data?.locations[0]?.now.date ?? ''
  const [marketing, setMarketing] = useState(false)
  const [inputKey, setInputKey] = useState(0)
  const send = useMutation({
    mutationFn: (image: File) =>
      upload<Photo>(clientPath(clinicId, clientId, '/photos'), image, {
        angle,
        takenOn,
        consent: marketing ? 'marketing' : 'clinical-only',
      }),
    onSuccess: () => {
      setFile(null)
      setInputKey((k) => k + 1)
      return queryClient.invalidateQueries({ queryKey: ['clinic', clinicId, 'client', clientId, 'photos'] })
    },
  })
  const errors = send.error instanceof ApiError ? send.error.fieldErrors() : {}
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (file !== null) send.mutate(file)
  }
  return (
    <form className="card form" onSubmit={submit} noValidate aria-label="Add a photo">
      <h2>Add a photo</h2>
      <div className="row">
        <div
          className={
            send.error instanceof ApiError && send.error.problems.some((p) => p.path === 'body')
              ? 'field field-invalid'
              : 'field'
          }
        >
          <label htmlFor="photo-file">Photo</label>
          <input
            key={inputKey}
            id="photo-file"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <SelectField
          label="View"
          value={angle}
          onChange={(e) => setAngle(e.target.value)}
          error={errors.angle}
          options={PHOTO_ANGLES.map((a) => ({ value: a, label: a }))}
        />
        <TextField
          label="Taken on"
          type="date"
          value={takenOn}
          onChange={(e) => setTakenOn(e.target.value)}
          error={errors.takenOn}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={marketing} onChange={(e) => setMarketing(e.target.checked)} /> The client agreed
        in writing to show this photo in the public gallery
      </label>
      {errors.consent ? <p className="field-error">{errors.consent}</p> : null}
      <FormErrors
        messages={
          send.error
            ? [
                send.error.message,
                ...(send.error instanceof ApiError ? send.error.otherMessages(['angle', 'takenOn', 'consent']) : []),
              ]
            : []
        }
      />
      <button type="submit" className="button" disabled={file === null || send.isPending}>
        {send.isPending ? 'Uploading…' : 'Add the photo'}
      </button>
    </form>
  )
}
