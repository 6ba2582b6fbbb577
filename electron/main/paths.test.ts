import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_NAME, userDataDir } from './paths'

describe('userDataDir', () => {
  it('is the folder Electron would use, so the window and browser mode share one database', () => {
    expect(APP_NAME).toBe('mediation-case-desk')
    expect(userDataDir({ HOME: '/home/clerk' }, 'linux')).toBe('/home/clerk/.config/mediation-case-desk')
    expect(userDataDir({ HOME: '/home/clerk', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/mediation-case-desk')
    expect(userDataDir({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Application Support/mediation-case-desk')
    expect(userDataDir({ HOME: 'C:\\Users\\a', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', 'mediation-case-desk')
    )
  })
})
