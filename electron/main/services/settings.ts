import { SETTING_DEFINITIONS, type SettingEntry, type SettingKey } from '../../../shared/domain/settings'
import type { ParsedInput } from '../../../shared/ipc-contract'
import type { AppContext } from '../context'
import { invalidField } from '../errors'
import { findOffice } from './offices'
import { writeChange } from './write'

export async function getSetting(ctx: AppContext, input: ParsedInput<'settings.get'>): Promise<SettingEntry> {
  const row = await ctx.db.selectFrom('settings').selectAll().where('key', '=', input.key).executeTakeFirst()
  return { key: input.key, value: row ? JSON.parse(row.value) : null, updatedAt: row?.updated_at ?? null }
}

/** Rules a value must meet beyond its schema, checked against the store. */
const referenceChecks: { [K in SettingKey]?: (ctx: AppContext, value: unknown) => Promise<string | null> } = {
  'installation.officeId': async (ctx, value) => {
    const office = await findOffice(ctx, value as string)
    if (!office) return '所选调解组织不存在'
    if (!office.active) return '所选调解组织已停用'
    return null
  }
}

export async function setSetting(ctx: AppContext, input: ParsedInput<'settings.set'>): Promise<SettingEntry> {
  const problem = await referenceChecks[input.key]?.(ctx, input.value)
  if (problem) throw invalidField('value', problem)

  return writeChange(ctx, 'settings.set', async (trx, record) => {
    const now = ctx.clock.now().toISOString()
    const value = JSON.stringify(input.value)
    const before = await trx.selectFrom('settings').selectAll().where('key', '=', input.key).executeTakeFirst()
    if (before && before.value === value) {
      return { key: input.key, value: input.value, updatedAt: before.updated_at }
    }
    if (before) {
      const after = { ...before, value, updated_at: now, version: before.version + 1 }
      await trx
        .updateTable('settings')
        .set({ value, updated_at: now, version: after.version })
        .where('key', '=', input.key)
        .where('version', '=', before.version)
        .execute()
      record({ entity: 'settings', entityId: input.key, operation: 'update', version: after.version, before, after })
    } else {
      const row = { key: input.key, value, created_at: now, updated_at: now, version: 1 }
      await trx.insertInto('settings').values(row).execute()
      record({ entity: 'settings', entityId: input.key, operation: 'insert', version: 1, after: row })
    }
    return { key: input.key, value: input.value, updatedAt: now }
  })
}

export function settingLabel(key: SettingKey): string {
  return SETTING_DEFINITIONS[key].label
}
