// Shared by the app tests: the demo clinic's sign-ins (packages/server/src/demo/seed.ts prints them at start-up),
// signing in through the page, the axe check and the screenshots the README shows.
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Locator, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'stipple-demo-2026'
export const DEMO = {
  owner: 'owner@northline.example',
  practitioner: 'sam@northline.example',
  frontDesk: 'desk@northline.example',
} as const

const SCREENSHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/signin/)
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/signin/)
}

/** Waits until no part of the page says it is still loading. */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('.state-loading')).toHaveCount(0, { timeout: 30_000 })
}

/** axe-core on the page as it is: no serious or critical violation of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(report, `${what}: axe found serious or critical violations`).toEqual([])
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` })
}

/** One part of a screen (a section, a card), for the README. */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  await part.screenshot({ path: `${SCREENSHOTS}${name}.png` })
}

/** A small valid PNG of one grey level (photos of a scalp stand in as plain tones: the tests check the flow). */
export function greyPng(level: number, width = 96, height = 72): Buffer {
  const row = Buffer.alloc(1 + width * 3, level)
  row[0] = 0 // filter: none
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
