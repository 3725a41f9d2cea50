import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.ts'
import { PHOTO_LIMITS, processPhoto, sniffImageType } from './image.ts'

describe('sniffImageType', () => {
  it('knows JPEG, PNG and WebP by their first bytes and nothing else', async () => {
    const image = sharp({ create: { width: 4, height: 4, channels: 3, background: 'gray' } })
    expect(sniffImageType(await image.clone().jpeg().toBuffer())).toBe('image/jpeg')
    expect(sniffImageType(await image.clone().png().toBuffer())).toBe('image/png')
    expect(sniffImageType(await image.clone().webp().toBuffer())).toBe('image/webp')
    expect(sniffImageType(await image.clone().gif().toBuffer())).toBeNull()
    expect(sniffImageType(await image.clone().tiff().toBuffer())).toBeNull()
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull()
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffImageType(Buffer.alloc(0))).toBeNull()
  })
})

describe('processPhoto', () => {
  it('refuses more pixels than the limit from the header, before decoding', async () => {
    const side = Math.ceil(Math.sqrt(PHOTO_LIMITS.maxPixels)) + 1
    // a real image just over the limit: a solid colour compresses to a few kilobytes
    const big = await sharp({ create: { width: side, height: side, channels: 3, background: 'black' } })
      .png({ compressionLevel: 9 })
      .toBuffer()
    const error = await processPhoto(big).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('unprocessable')
    expect((error as AppError).problems[0]?.path).toBe('body')
  })

  it('gives the same stored bytes and hash for the same upload', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 32, channels: 3, background: 'teal' } })
      .jpeg()
      .toBuffer()
    const [a, b] = await Promise.all([processPhoto(jpeg), processPhoto(jpeg)])
    expect(a.sha256).toBe(b.sha256)
    expect(a.thumbnailSha256).toBe(b.thumbnailSha256)
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('processPhoto under load', () => {
  it('processes many uploads at once, each correctly, however the decodes are queued', async () => {
    const images = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        sharp({ create: { width: 40 + i, height: 30, channels: 3, background: { r: i * 30, g: 0, b: 0 } } })
          .png()
          .toBuffer()
      )
    )
    const done = await Promise.all([
      ...images.map((b) => processPhoto(b)),
      processPhoto(Buffer.from('nope')).catch(() => null),
    ])
    expect(done.slice(0, 7).map((p) => p?.width)).toEqual([40, 41, 42, 43, 44, 45, 46])
    expect(done[7]).toBeNull()
  })
})
