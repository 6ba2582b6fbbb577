import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// MCD_OUT_DIR builds somewhere other than out/, so two builds (and their browser tests) can run side by side.
const OUT_DIR = process.env.MCD_OUT_DIR ?? 'out'

export default defineConfig({
  main: {
    build: {
      outDir: `${OUT_DIR}/main`,
      // index: the Electron shell; browser: the same app served to the local browser (plain Node).
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), browser: resolve('electron/main/browser/main.ts') }
      }
    }
  },
  preload: {
    // A sandboxed preload cannot require node_modules: bundle everything but electron, as CommonJS.
    build: {
      outDir: `${OUT_DIR}/preload`,
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: 'renderer',
    plugins: [vue()],
    build: {
      outDir: `${OUT_DIR}/renderer`,
      rollupOptions: { input: { index: resolve('renderer/index.html') } }
    }
  }
})
