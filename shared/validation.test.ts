import { describe, expect, it } from 'vitest'
import { settingInputSchema } from './domain/settings'
import { fieldErrorsOf, requiredText, z } from './validation'

describe('fieldErrorsOf', () => {
  it('names each failing field by its dotted path, in zh-CN', () => {
    const schema = z.object({ parties: z.array(z.object({ name: requiredText(10) })) }).strict()
    const result = schema.safeParse({ parties: [{ name: '张三' }, { name: '   ' }], extra: 1 })
    expect(result.success).toBe(false)
    if (result.success) return
    const fields = fieldErrorsOf(result.error)
    expect(fields['parties.1.name']).toBe('此项不能为空')
    expect(fields.extra).toMatch(/[\u4e00-\u9fff]/)
    expect(fields['parties.0.name']).toBeUndefined()
  })

  it('trims text and limits its length', () => {
    expect(requiredText(4).parse('  王芳 ')).toBe('王芳')
    expect(requiredText(4).safeParse('欧阳娜娜啊').success).toBe(false)
  })
})

describe('settingInputSchema', () => {
  it('checks a value against its own key', () => {
    expect(
      settingInputSchema.safeParse({ key: 'installation.officeId', value: '0190a1b2-0000-7000-8000-000000000000' })
        .success
    ).toBe(true)
    expect(settingInputSchema.safeParse({ key: 'installation.officeId', value: 12 }).success).toBe(false)
    expect(settingInputSchema.safeParse({ key: 'unknown', value: 'x' }).success).toBe(false)
  })
})
