// A signature drawn on the tablet, checked by its content before anything is stored: base64 of a real PNG (magic
// bytes, then the header's size, then one full decode), re-encoded without any text chunks, and not blank.
import { createHash } from 'node:crypto'
import { CONSENT_LIMITS } from '@stipple/domain'
import sharp from 'sharp'
import { AppError } from '../../errors.ts'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export interface Signature {
  bytes: Buffer
  sha256: string
}

const refuse = (message: string) =>
  new AppError('invalid_input', `The signature image is not usable: ${message}`, {
    problems: [{ path: 'body.signatureImage', message }],
  })

export async function readSignature(base64: string): Promise<Signature> {
  const raw = Buffer.from(base64, 'base64')
  if (raw.length === 0) throw refuse('the image is empty; ask the client to sign again')
  if (raw.length > CONSENT_LIMITS.signatureBytes) {
    throw refuse(`the image is ${raw.length} bytes, over the limit of ${CONSENT_LIMITS.signatureBytes}`)
  }
  if (raw.length < PNG_MAGIC.length || !raw.subarray(0, PNG_MAGIC.length).equals(PNG_MAGIC)) {
    throw refuse('expected a PNG image (judged by its content)')
  }
  let width: number
  let height: number
  try {
    const meta = await sharp(raw, { limitInputPixels: false }).metadata()
    if (meta.format !== 'png') throw new Error(`the header says ${meta.format}`)
    width = meta.width
    height = meta.height
  } catch (error) {
    throw refuse(`the PNG header cannot be read (${(error as Error).message})`)
  }
  const { signatureWidthPx: maxW, signatureHeightPx: maxH } = CONSENT_LIMITS
  if (width > maxW || height > maxH) throw refuse(`${width}×${height} px is larger than ${maxW}×${maxH} px`)
  try {
    const decoded = sharp(raw, { limitInputPixels: maxW * maxH, failOn: 'warning' })
    const stats = await decoded.clone().stats()
    // every channel a single value: nothing was drawn
    if (stats.channels.every((c) => c.min === c.max)) throw new BlankSignature()
    const bytes = await decoded.png().toBuffer()
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') }
  } catch (error) {
    if (error instanceof BlankSignature) throw refuse('the signature is blank; ask the client to sign again')
    throw refuse(`the PNG is truncated or damaged (${(error as Error).message})`)
  }
}

class BlankSignature extends Error {}
