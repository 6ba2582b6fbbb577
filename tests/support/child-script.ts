/*
 * A test's child process as one self-contained file (vite's SSR build, with
 * only the native sqlite3 left outside), so each child starts in a fraction
 * of a second: loading hundreds of package files would cost each child a
 * second. Used by the crash tests, which start a child many times over.
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'vite'

export interface ChildScript {
  /** The built file, for `spawn(process.execPath, [file, …])`. */
  file: string
  dispose(): void
}

export async function buildChildScript(entry: string, name: string): Promise<ChildScript> {
  const outDir = path.resolve('.tmp', `${name}-${process.pid}`)
  mkdirSync(outDir, { recursive: true })
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true, external: ['sqlite3'] },
    build: {
      ssr: path.resolve(entry),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      rollupOptions: { external: ['sqlite3'], output: { format: 'esm', entryFileNames: `${name}.mjs` } }
    }
  })
  return { file: path.join(outDir, `${name}.mjs`), dispose: () => rmSync(outDir, { recursive: true, force: true }) }
}
