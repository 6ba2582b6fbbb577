/*
 * The release packaging configuration, checked without packaging (the
 * Electron binaries cannot be downloaded here): electron-builder's own schema
 * accepts it, the fuses the security baseline needs are off, and every target
 * the offices run is built.
 */
import { createRequire } from 'node:module'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import config, { RELEASE_FUSES } from '../../electron-builder.config'
import packageJson from '../../package.json' with { type: 'json' }

const require = createRequire(import.meta.url)
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
}
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown }

function targetsOf(platform: 'win' | 'linux'): Array<{ target: string; arch: string[] }> {
  const section = config[platform]
  if (!section || typeof section !== 'object' || !Array.isArray(section.target))
    throw new Error(`no ${platform} targets`)
  return section.target as Array<{ target: string; arch: string[] }>
}

describe('release packaging', () => {
  it('is a configuration electron-builder accepts', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('refuses a misspelt option, so the check above can fail', async () => {
    await expect(validateConfiguration({ ...config, fusesTypo: true }, new DebugLogger(false))).rejects.toThrow(
      /fusesTypo/
    )
  })

  it('switches off run-as-node, NODE_OPTIONS and inspect, and loads only the integrity-checked app.asar', () => {
    expect(config.electronFuses).toBe(RELEASE_FUSES)
    expect(RELEASE_FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true
    })
    expect(config.asar).toBe(true)
  })

  it('builds the Windows installer and deb and AppImage for x64 and arm64 (统信UOS, 麒麟)', () => {
    expect(targetsOf('win')).toContainEqual({ target: 'nsis', arch: ['x64'] })
    for (const target of ['deb', 'AppImage']) {
      expect(targetsOf('linux')).toContainEqual({ target, arch: ['x64', 'arm64'] })
    }
  })

  it('packs the built main entry, preload and renderer, and unpacks sqlite3’s native addon', () => {
    const files = config.files as string[]
    for (const built of [packageJson.main.replace(/^\.\//, ''), 'out/preload/index.js', 'out/renderer/index.html']) {
      expect(
        files.some((pattern) => minimatch(built, pattern)),
        built
      ).toBe(true)
    }
    const unpack = config.asarUnpack as string[]
    expect(unpack.some((pattern) => minimatch('node_modules/sqlite3/build/Release/node_sqlite3.node', pattern))).toBe(
      true
    )
  })
})
