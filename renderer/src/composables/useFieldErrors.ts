import { ref } from 'vue'
import type { FieldErrors } from '../../../shared/errors'
import { ApiError } from '../api'

/**
 * Errors main reported for fields (`parties.0.idNumber` …), shown by el-form-item
 * until the user edits the form again. Returns true when the error was a field error.
 */
export function useFieldErrors() {
  const serverErrors = ref<FieldErrors>({})

  function take(error: unknown): boolean {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && Object.keys(error.fields).length > 0) {
      serverErrors.value = error.fields
      return true
    }
    return false
  }

  function clear(): void {
    serverErrors.value = {}
  }

  return { serverErrors, take, clear }
}
