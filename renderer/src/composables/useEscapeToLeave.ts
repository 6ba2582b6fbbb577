import { onBeforeUnmount, onMounted } from 'vue'
import { useRouter, type RouteLocationRaw } from 'vue-router'

const OPEN_POPUPS =
  '.el-select__popper:not([style*="display: none"]), .el-picker__popper:not([style*="display: none"]), .el-overlay:not([style*="display: none"])'

/**
 * Esc leaves a form for `target`, unless it is closing an open dropdown, date
 * panel or dialog, or an input marked `data-esc-local`. Listened to in the
 * capture phase: el-select swallows Esc even with its list closed.
 */
export function useEscapeToLeave(target: RouteLocationRaw): void {
  const router = useRouter()
  function onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    if (document.querySelector(OPEN_POPUPS)) return
    if (event.target instanceof Element && event.target.closest('[data-esc-local]')) return
    void router.push(target)
  }
  onMounted(() => window.addEventListener('keydown', onKeydown, true))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown, true))
}
