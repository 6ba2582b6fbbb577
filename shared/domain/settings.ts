/*
 * Every setting the installation keeps, declared once: its value schema and
 * its zh-CN label. settings.get / settings.set accept exactly these keys, and
 * a value is checked against its own key's schema.
 */
import { z } from '../validation'
import { DEADLINE_SETTING_DEFINITIONS } from './deadline'
import { KEY_PERSON_SETTING_DEFINITIONS } from './key-person'

export const SETTING_DEFINITIONS = {
  /** The office this installation serves; chosen at first run. */
  'installation.officeId': {
    label: '本机所属调解组织',
    schema: z.uuid('请选择一个调解组织')
  },
  /** Minutes without input before the screen locks (DESIGN §3.7); 10 unless set. */
  'security.idleLockMinutes': {
    label: '无操作自动锁屏（分钟）',
    schema: z.int('应为整数').min(1, '至少 1 分钟').max(120, '最多 120 分钟')
  },
  /** The office's own DOCX templates (docs/templates.md); empty: the built-in ones. */
  'documents.templateFolder': {
    label: '本单位文书模板文件夹',
    schema: z.string().trim().max(500, '路径不能超过 500 个字符')
  },
  /** Deadline defaults (shared/domain/deadline.ts). */
  ...DEADLINE_SETTING_DEFINITIONS,
  /** Key-person review intervals by level (shared/domain/key-person.ts). */
  ...KEY_PERSON_SETTING_DEFINITIONS
} as const

export type SettingKey = keyof typeof SETTING_DEFINITIONS
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTING_DEFINITIONS)[K]['schema']>

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as [SettingKey, ...SettingKey[]]

export interface SettingEntry {
  key: SettingKey
  /** null until the setting is first saved. */
  value: unknown
  updatedAt: string | null
}

/** `{ key, value }` where value must match that key's schema. */
export const settingInputSchema = z.discriminatedUnion(
  'key',
  SETTING_KEYS.map((key) =>
    z.object({ key: z.literal(key), value: SETTING_DEFINITIONS[key].schema }).strict()
  ) as unknown as [z.ZodObject<{ key: z.ZodLiteral<SettingKey>; value: z.ZodType }>]
)
