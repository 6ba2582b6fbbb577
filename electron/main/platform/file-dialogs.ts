/*
 * The port for asking the user which file to read or where to write one that
 * the main process handles itself (a hub bundle of 200 MB): the desktop shell
 * shows the platform's dialogs (electron-file-dialogs.ts) and the main process
 * reads or writes the file, so its bytes never cross into the window. Browser
 * mode and the tests have no such dialogs; the window uploads or downloads
 * the bytes instead.
 */
export interface FileFilter {
  name: string
  extensions: string[]
}

export interface FileDialogs {
  /** The path the user chose to save a file suggested as `fileName`, or null if they cancelled. */
  choosePath(fileName: string, filter: FileFilter): Promise<string | null>
  /** The existing file the user chose to open, or null if they cancelled. */
  chooseFile(filter: FileFilter): Promise<string | null>
}
