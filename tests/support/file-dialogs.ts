/*
 * The user's answers to the desktop's file dialogs, for tests of what the
 * main process does with them (browser mode and the tests have no dialogs of
 * their own). A dialog the test gave no answer for fails the test if opened.
 */
import type { FileDialogs } from '../../electron/main/platform/file-dialogs'

export interface DialogAnswers {
  /** Where to save the file suggested as `fileName`; null: cancelled. */
  save?: (fileName: string) => string | null
  /** Which file to open; null: cancelled. */
  open?: () => string | null
}

export function answeringDialogs(answers: DialogAnswers): FileDialogs & { opened: string[] } {
  const opened: string[] = []
  return {
    opened,
    async choosePath(fileName) {
      opened.push(`save:${fileName}`)
      if (!answers.save) throw new Error('the save dialog was not expected')
      return answers.save(fileName)
    },
    async chooseFile() {
      opened.push('open')
      if (!answers.open) throw new Error('the open dialog was not expected')
      return answers.open()
    }
  }
}
