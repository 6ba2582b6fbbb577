/*
 * The port for asking the user where to save a file the main process holds
 * (a hub bundle of 200 MB): the desktop shell shows its save dialog
 * (electron-save-dialog.ts) and the main process writes the file there, so
 * its bytes never cross into the window. Browser mode and the tests have no
 * such dialog; the window downloads the bytes instead.
 */
export interface SaveDialog {
  /** The path the user chose for a file suggested as `fileName`, or null if they cancelled. */
  choosePath(fileName: string, filter: { name: string; extensions: string[] }): Promise<string | null>
}
