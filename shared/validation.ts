/*
 * zod, set up once for both processes: messages in zh-CN, and a failed parse
 * turned into the `fields` map that el-form shows beside each field.
 */
import { z } from 'zod'
import { zhCN } from 'zod/locales'
import type { FieldErrors } from './errors'

z.config(zhCN())

export { z }

/** `parties.0.name` style paths, the same ones the forms use for their props. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const base = issue.path.map(String)
    // An unknown key is reported against that key, so the message lands where the mistake is.
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key].join('.')) : [base.join('.') || '_']
    for (const path of paths) fields[path] ??= issue.message
  }
  return fields
}

/** Text a person typed: trimmed, and required to be non-empty after trimming. */
export const requiredText = (max: number) => z.string().trim().min(1, '此项不能为空').max(max, `不能超过 ${max} 个字符`)
