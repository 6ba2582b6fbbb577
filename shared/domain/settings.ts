/*
 * Every setting the installation keeps, declared once: its value schema and
 * its zh-CN label. settings.get / settings.set accept exactly these keys, and
 * a value is checked against its own key's schema.
 */
import { z } from '../validation'

export const SETTING_DEFINITIONS = {
  /** The office this installation serves; chosen at first run. */
  'installation.officeId': {
    label: '本机所属调解组织',
    schema: z.uuid('请选择一个调解组织')
  }
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
