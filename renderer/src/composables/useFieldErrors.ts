import { ref, watch } from 'vue'
import type { FieldErrors } from '../../../shared/errors'
import { ApiError } from '../api'

/**
 * Errors main reported for fields (`parties.0.idNumber` …), shown by el-form-item. Given the form's reactive
 * object, a field's message goes as soon as that field (or anything under it) is changed: it was about the
 * value that was there. Returns true from `take` when the error was a field error.
 */
export function useFieldErrors(form?: Record<string, unknown>) {
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

  if (form) {
    watch(
      () => ({ ...form }),
      (now, before) => {
        const changed = Object.keys(now).filter((key) => now[key] !== before[key])
        const stale = Object.keys(serverErrors.value).filter((path) =>
          changed.some((key) => path === key || path.startsWith(`${key}.`))
        )
        if (stale.length > 0) {
          serverErrors.value = Object.fromEntries(
            Object.entries(serverErrors.value).filter(([path]) => !stale.includes(path))
          )
        }
      }
    )
  }

  return { serverErrors, take, clear }
}
