import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addMissingPlatforms, platformOf } from './lock-platforms.ts'

describe('platformOf', () => {
  it('reads os, cpu and libc from platform package names', () => {
    expect(platformOf('@biomejs/cli-darwin-arm64')).toEqual({ os: 'darwin', cpu: 'arm64', libc: null })
    expect(platformOf('@biomejs/cli-linux-x64-musl')).toEqual({ os: 'linux', cpu: 'x64', libc: 'musl' })
    expect(platformOf('@biomejs/cli-linux-x64')).toEqual({ os: 'linux', cpu: 'x64', libc: 'glibc' })
    expect(platformOf('@oxc-parser/binding-linux-arm-gnueabihf')).toEqual({ os: 'linux', cpu: 'arm', libc: 'glibc' })
    expect(platformOf('@oxc-parser/binding-win32-ia32-msvc')).toEqual({ os: 'win32', cpu: 'ia32', libc: null })
    expect(platformOf('left-pad')).toBeNull()
  })
})

describe('addMissingPlatforms', () => {
  it('adds the missing optional platform packages of a parent, modelled on a sibling, and nothing else', () => {
    const packages = {
      '': {},
      'node_modules/@biomejs/biome': {
        version: '2.6.8',
        optionalDependencies: { '@biomejs/cli-linux-x64': '2.6.8', '@biomejs/cli-darwin-arm64': '2.6.8' },
      },
      'node_modules/@biomejs/cli-linux-x64': {
        version: '2.6.8',
        cpu: ['x64'],
        dev: true,
        libc: ['glibc'],
        license: 'MIT',
        optional: true,
        os: ['linux'],
      },
      'node_modules/pg': { version: '8.23.1', optionalDependencies: { 'pg-cloudflare': '^1.3.0' } },
    }
    expect(addMissingPlatforms(packages)).toEqual(['node_modules/@biomejs/cli-darwin-arm64'])
    expect(packages).toHaveProperty(['node_modules/@biomejs/cli-darwin-arm64'], {
      version: '2.6.8',
      cpu: ['arm64'],
      dev: true,
      license: 'MIT',
      optional: true,
      os: ['darwin'],
    })
    expect(packages).not.toHaveProperty(['node_modules/pg-cloudflare'])
  })

  it('finds nothing missing in this repository’s package-lock.json (else `npm ci` fails: run `npm run lock:platforms`)', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'))
    expect(addMissingPlatforms(lock.packages)).toEqual([])
  })
})
