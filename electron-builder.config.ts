/*
 * Release packaging (`npm run dist:win`, `npm run dist:linux`): Windows NSIS
 * for the offices' PCs, and Linux deb and AppImage for x64 and arm64, the
 * machines of 统信UOS and 麒麟 in government offices.
 *
 * Fuses are flipped here, for release builds only. The tests run the plain
 * electron-vite build with the stock binary, because Playwright's `_electron`
 * attaches through the inspect arguments this configuration switches off.
 */
import type { Configuration } from 'electron-builder'
import packageJson from './package.json' with { type: 'json' }

export const RELEASE_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general Node.js interpreter.
  runAsNode: false,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect would let anyone at the PC attach a debugger to the process that holds the case store.
  enableNodeCliInspectArguments: false,
  // Only the packaged app.asar runs, and only if its content matches the hash embedded at build time.
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true
  // grantFileProtocolExtraPrivileges stays at Electron's default: the window loads the built renderer from
  // file://, whose module scripts need it. Turning it off waits for a custom app:// protocol.
} as const

const config: Configuration = {
  appId: 'cn.ouhai.mediation.casedesk',
  productName: '人民调解案件管理',
  executableName: packageJson.name,
  copyright: 'Ouhai District People’s Mediation',
  directories: { output: 'dist', buildResources: 'resources' },
  // What electron-vite built, plus package.json; dependencies are added by electron-builder from package.json.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'],
  asar: true,
  // sqlite3's native addon cannot be loaded from inside the archive.
  asarUnpack: ['**/node_modules/sqlite3/**/*.node'],
  // The app reads no native module source at run time: there is nothing to rebuild (sqlite3 is N-API).
  npmRebuild: false,
  electronFuses: RELEASE_FUSES,
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }]
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    language: '2052',
    shortcutName: '人民调解案件管理'
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] }
    ],
    category: 'Office',
    maintainer: 'Ouhai District People’s Mediation Center',
    synopsis: '人民调解案件管理',
    desktop: { entry: { Name: '人民调解案件管理', 'Name[zh_CN]': '人民调解案件管理' } }
  }
}

export default config
