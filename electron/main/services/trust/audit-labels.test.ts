/*
 * The audit log reads in Chinese: every action a service writes to it, and
 * every kind of record, has a zh-CN name (AUDIT_ACTION_LABELS,
 * AUDIT_ENTITY_LABELS), or the screen would show a method's or a table's
 * code name. They are found where they are written: the literal passed to
 * each of the audited writers in the services' source, and each record's
 * `entity`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditActionLabel } from '../../../../shared/domain/audit'
import { HUB_ENTITIES } from '../../../../shared/domain/hub-entities'

const SERVICES = path.resolve(import.meta.dirname, '..')
/** Every function that takes the audited action as its second argument, after the context. */
const WRITERS = [
  'writeChange',
  'recordAuditOnly',
  'changeCase',
  'changeStatus',
  'storeDocument',
  'calendarWrite',
  'auditHandedOut',
  'removeAudited'
]
const CALL = new RegExp(`\\b(?:${WRITERS.join('|')})\\(\\s*ctx,\\s*'([a-zA-Z]+\\.[a-zA-Z]+)'`, 'g')
/** Actions named in a choice between two literals: `input.id ? 'a.b' : 'a.c'`. */
const CHOICE = new RegExp(`\\b(?:${WRITERS.join('|')})\\(\\s*ctx,\\s*[\\w.!]+ \\? '([\\w.]+)' : '([\\w.]+)'`, 'g')
/** A password stored takes its action last. */
const PASSWORD = /\bstorePassword\(ctx, [^,]+, [^,]+, '([\w.]+)'\)/g
/** A record named where it is written (the synchronised tables are named from HUB_ENTITIES). */
const ENTITY = /\bentity: '([a-z_]+)'/g
/** Written from a template: `backups.${kind}`, for the two kinds a backup is taken as. */
const FROM_TEMPLATES = ['backups.daily', 'backups.manual']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

function writtenActions(): Set<string> {
  const actions = new Set<string>()
  for (const file of sourceFiles(SERVICES)) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(CALL)) actions.add(match[1])
    for (const match of text.matchAll(CHOICE)) [match[1], match[2]].forEach((a) => actions.add(a))
    for (const match of text.matchAll(PASSWORD)) actions.add(match[1])
  }
  FROM_TEMPLATES.forEach((action) => actions.add(action))
  return actions
}

function writtenEntities(): Set<string> {
  const entities = new Set(HUB_ENTITIES.map((entity) => entity.file))
  for (const file of sourceFiles(SERVICES)) {
    for (const match of readFileSync(file, 'utf8').matchAll(ENTITY)) entities.add(match[1])
  }
  return entities
}

describe('audit action names', () => {
  it('names every action the services write in zh-CN', () => {
    const actions = writtenActions()
    // The scan itself must see the writers it is meant to: the hub's, the lifecycle's, the hearings', both choices.
    for (const known of [
      'hub.export',
      'hub.saveBundle',
      'hub.removeOldCopies',
      'cases.close',
      'hearings.postpone',
      'users.disable',
      'auth.changePassword'
    ]) {
      expect(actions).toContain(known)
    }
    const unnamed = [...actions].filter((action) => !(action in AUDIT_ACTION_LABELS))
    expect(unnamed).toEqual([])
  })

  it('names every kind of record the services write in zh-CN', () => {
    const entities = writtenEntities()
    for (const known of ['hub_exports', 'hub_office_keys', 'holiday_years', 'case_events'])
      expect(entities).toContain(known)
    expect([...entities].filter((entity) => !(entity in AUDIT_ENTITY_LABELS))).toEqual([])
  })

  it('shows a hub bundle handed out in words, not as a method name', () => {
    expect(auditActionLabel('hub.bundleFile')).toBe('下载上报数据包（本机副本）')
    expect(auditActionLabel('hub.saveBundle')).toBe('另存上报数据包（本机副本）')
  })
})
