/*
 * The two steps of every spreadsheet import (roster, grid list): choose a
 * file and show what it would do, then confirm. Nothing is written until the
 * confirm; choosing the same file again (after correcting it in Excel)
 * checks it again.
 */
import { ref, type Ref } from 'vue'
import { ApiError } from '../api'
import { readFileAsBase64 } from './useSpreadsheetFile'

export interface SpreadsheetImportSteps<P> {
  preview: (input: { base64: string }) => Promise<P>
  commit: (input: { base64: string }) => Promise<P>
}

export function useSpreadsheetImport<P>(steps: SpreadsheetImportSteps<P>) {
  const fileName = ref('')
  const base64 = ref('')
  const preview = ref<P | null>(null) as Ref<P | null>
  const failure = ref('')
  const checking = ref(false)
  const committing = ref(false)

  function reset(): void {
    fileName.value = ''
    base64.value = ''
    preview.value = null
    failure.value = ''
  }

  /** A refusal the user can act on is shown; anything else is a bug and propagates. */
  function showRefusal(caught: unknown): void {
    if (!(caught instanceof ApiError)) throw caught
    failure.value = caught.fields.base64 ?? caught.message
  }

  async function chosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement
    const file = input.files?.[0]
    if (!file) return
    preview.value = null
    failure.value = ''
    fileName.value = file.name
    checking.value = true
    try {
      base64.value = await readFileAsBase64(file)
      preview.value = await steps.preview({ base64: base64.value })
    } catch (caught) {
      showRefusal(caught)
    } finally {
      input.value = ''
      checking.value = false
    }
  }

  /** Confirm the import; resolves to what was written, or null when it was refused (the reason is shown). */
  async function commit(): Promise<P | null> {
    committing.value = true
    try {
      return await steps.commit({ base64: base64.value })
    } catch (caught) {
      showRefusal(caught)
      return null
    } finally {
      committing.value = false
    }
  }

  return { fileName, preview, failure, checking, committing, reset, chosen, commit }
}
