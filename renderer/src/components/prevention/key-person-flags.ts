/*
 * The 重点人员 flag beside cases in the list: every row asks for its case,
 * the asks of one tick go to main as one keyPersons.flags call, and the
 * answers are kept for the window's life (a registration clears them).
 */
import { h, reactive } from 'vue'
import type { Column } from 'element-plus'
import type { CaseListRow } from '../../../../shared/domain/case'
import type { KeyPersonFlag } from '../../../../shared/domain/key-person'
import { api } from '../../api'
import KeyPersonTag from './KeyPersonTag.vue'

const known = reactive(new Map<string, KeyPersonFlag | null>())
let pending = new Set<string>()
let scheduled = false

async function flush(): Promise<void> {
  scheduled = false
  const ids = [...pending].slice(0, 500)
  pending = new Set([...pending].slice(500))
  if (pending.size > 0) schedule()
  try {
    const flags = await api.keyPersons.flags({ caseIds: ids })
    for (const id of ids) known.set(id, flags.byCase[id] ?? null)
  } catch {
    // A role without the flag, or main busy: the list simply shows no flag.
    for (const id of ids) known.set(id, null)
  }
}

function schedule(): void {
  if (scheduled) return
  scheduled = true
  queueMicrotask(() => void flush())
}

/** The flag of a case, null when none; undefined while asked. */
export function caseFlag(caseId: string): KeyPersonFlag | null | undefined {
  if (!known.has(caseId) && !pending.has(caseId)) {
    pending.add(caseId)
    schedule()
  }
  return known.get(caseId)
}

/** After a registration, level change or closing, ask again. */
export function forgetFlags(): void {
  known.clear()
}

/** The case list's column: ONE entry in CaseListView's columns. */
export function keyPersonFlagColumn(): Column<CaseListRow> {
  return {
    key: 'keyPerson',
    title: '重点人员',
    width: 110,
    cellRenderer: ({ rowData }) => {
      const flag = caseFlag(rowData.id)
      return flag ? h(KeyPersonTag, { level: flag.level, testid: `case-flag-${rowData.id}` }) : h('span')
    }
  }
}
