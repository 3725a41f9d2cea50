// An uploaded photo checked and cleaned before anything is stored: the type from the magic bytes (never the name or
// the declared content type), the pixel count from the header before any decoding (a decompression bomb is refused
// without allocating it), then one decode that applies the EXIF orientation and re-encodes without any metadata
// (EXIF, GPS, XMP, ICC are all dropped), and a thumbnail.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { AppError } from '../../errors.ts'

type PhotoMimeType = 'image/jpeg' | 'image/png' | 'image/webp'

export const PHOTO_LIMITS = {
  /** Upload size in bytes (Fastify refuses a larger body before it is buffered whole). */
  maxBytes: 20 * 1024 * 1024,
  /** Width × height from the header, checked before decoding. */
  maxPixels: 40_000_000,
  /** The thumbnail's longer side. */
  thumbnailPx: 320,
  /** Decodes at once: a 40 MP decode holds about 160 MB, so uploads beyond this wait their turn. */
  concurrentDecodes: 2,
} as const

let decoding = 0
const waiting: (() => void)[] = []

async function inDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  if (decoding >= PHOTO_LIMITS.concurrentDecodes) await new Promise<void>((resolve) => waiting.push(resolve))
  else decoding++
  try {
    return await work()
  } finally {
    // hand the slot straight to the next waiter, or give it back
    const next = waiting.shift()
    if (next === undefined) decoding--
    else next()
  }
}

export interface ProcessedPhoto {
  mimeType: PhotoMimeType
  bytes: Buffer
  sha256: string
  width: number
  height: number
  thumbnail: Buffer
  thumbnailSha256: string
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The image type by its first bytes, or null for anything else. */
export function sniffImageType(bytes: Buffer): PhotoMimeType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp'
  return null
}

const FORMAT_OF: Record<PhotoMimeType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }

const refuse = (code: 'invalid_input' | 'unprocessable' | 'unsupported_media_type', message: string) =>
  new AppError(code, message, { problems: [{ path: 'body', message }] })

export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw refuse('invalid_input', 'the body is empty: send the image bytes')
  if (bytes.length > PHOTO_LIMITS.maxBytes) {
    throw new AppError('payload_too_large', `the image is over ${PHOTO_LIMITS.maxBytes} bytes`, {
      problems: [{ path: 'body', message: `at most ${PHOTO_LIMITS.maxBytes} bytes` }],
    })
  }
  const mimeType = sniffImageType(bytes)
  if (mimeType === null) {
    throw refuse('unsupported_media_type', 'not a JPEG, PNG or WebP image (judged by its content, not its name)')
  }
  let width: number
  let height: number
  try {
    // the header only: nothing is decoded yet
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata()
    if (meta.format !== FORMAT_OF[mimeType]) throw new Error(`the header says ${meta.format}`)
    width = meta.width
    height = meta.height
  } catch (error) {
    throw refuse('invalid_input', `the ${FORMAT_OF[mimeType]} header cannot be read: ${(error as Error).message}`)
  }
  if (!(width > 0 && height > 0)) throw refuse('invalid_input', 'the image has no pixels')
  if (width * height > PHOTO_LIMITS.maxPixels) {
    throw refuse(
      'unprocessable',
      `${width}×${height} is ${((width * height) / 1e6).toFixed(0)} megapixels, over the limit of ${
        PHOTO_LIMITS.maxPixels / 1e6
      }; resize it before uploading`
    )
  }
  return inDecodeSlot(() => decode(bytes, mimeType))
}

async function decode(bytes: Buffer, mimeType: PhotoMimeType): Promise<ProcessedPhoto> {
  try {
    // failOn 'warning' (the default, stated): a truncated or damaged image is refused, not half-decoded
    const pipeline = sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxPixels, failOn: 'warning' }).rotate()
    const encoded =
      mimeType === 'image/jpeg'
        ? pipeline.jpeg({ quality: 90 })
        : mimeType === 'image/png'
          ? pipeline.png()
          : pipeline.webp({ quality: 90 })
    // no keepMetadata/withMetadata: sharp writes no EXIF, GPS, XMP or IPTC
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    const thumbnail = await sharp(data)
      .resize(PHOTO_LIMITS.thumbnailPx, PHOTO_LIMITS.thumbnailPx, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer()
    return {
      mimeType,
      bytes: data,
      sha256: sha256(data),
      width: info.width,
      height: info.height,
      thumbnail,
      thumbnailSha256: sha256(thumbnail),
    }
  } catch (error) {
    throw refuse('invalid_input', `the image is truncated or damaged: ${(error as Error).message}`)
  }
}
