/* Input schemas of the roster and assignment methods. */
import { z, requiredText } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import { optionalText } from './case-input'
import {
  CONFLICT_RELATIONS,
  CREDENTIAL_TYPES,
  MEDIATOR_KINDS,
  MEDIATOR_STATUSES,
  PROFESSIONS,
  type MediatorRecord
} from './mediator'

const isoDate = z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD')
const id = (what: string) => z.uuid(`${what}编号无效`)

export const mediatorRecordSchema = z
  .object({
    kind: z.enum(MEDIATOR_KINDS, '请选择调解员类别'),
    name: requiredText(50),
    gender: z.enum(['male', 'female']).nullable().default(null),
    idNumber: optionalText(40),
    phone: optionalText(40),
    profession: z.enum(PROFESSIONS, '请选择专业领域').nullable().default(null),
    status: z.enum(MEDIATOR_STATUSES, '请选择状态').default('active'),
    capacity: z.number().int('办案上限须为整数').min(0, '办案上限不能为负').max(500, '办案上限过大'),
    officeCodes: z.array(z.string().min(1)).min(1, '请至少选择一个服务的调解组织').max(50),
    specialties: z.array(z.string().min(1)).max(30).default([]),
    chambers: z.array(requiredText(100)).max(30).default([]),
    credentials: z
      .array(
        z
          .object({
            type: z.enum(CREDENTIAL_TYPES, '请选择证书类型'),
            number: requiredText(60),
            issuer: optionalText(100),
            validUntil: isoDate.nullable().default(null)
          })
          .strict()
      )
      .max(20)
      .default([]),
    conflicts: z
      .array(
        z
          .object({
            name: requiredText(100),
            idNumber: optionalText(40),
            creditCode: optionalText(30),
            relation: z.enum(CONFLICT_RELATIONS, '请选择利害关系'),
            note: optionalText(200)
          })
          .strict()
      )
      .max(200)
      .default([]),
    leaves: z
      .array(
        z
          .object({ from: isoDate, to: isoDate, reason: optionalText(100) })
          .strict()
          .refine((leave) => leave.to >= leave.from, { message: '休假结束日期不能早于开始日期', path: ['to'] })
      )
      .max(100)
      .default([]),
    note: optionalText(500)
  })
  .strict()

/** The parsed form is exactly the domain record. */
export type ParsedMediatorRecord = z.output<typeof mediatorRecordSchema> & MediatorRecord

export const listMediatorsSchema = z
  .object({
    query: z.string().trim().max(50).optional(),
    kind: z.enum(MEDIATOR_KINDS).optional(),
    officeId: id('调解组织').optional(),
    specialty: z.string().max(40).optional(),
    profession: z.enum(PROFESSIONS).optional(),
    status: z.enum(MEDIATOR_STATUSES).optional(),
    onLeave: z.boolean().optional(),
    credentialExpiringWithinDays: z.number().int().min(1).max(3650).optional()
  })
  .strict()

export const saveMediatorSchema = z
  .object({
    id: id('调解员').optional(),
    /** The version the form was loaded with: a save over someone else's change is refused. */
    expectedVersion: z.number().int().min(1).optional(),
    record: mediatorRecordSchema
  })
  .strict()

/** XLSX bytes as base64: IPC and browser mode both carry it as text. About 7 MB of file at most. */
export const spreadsheetSchema = z
  .object({
    base64: z
      .string()
      .min(1, '请选择文件')
      .max(10_000_000, '文件过大')
      .regex(/^[A-Za-z0-9+/]+=*$/, '文件内容无效')
  })
  .strict()

export const ASSIGNMENT_ROLES = ['lead', 'assistant', 'expert'] as const
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number]
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = {
  lead: '主办调解员',
  assistant: '协办调解员',
  expert: '特邀专家'
}

export const assignSchema = z
  .object({
    caseId: id('案件'),
    mediatorId: id('调解员'),
    role: z.enum(ASSIGNMENT_ROLES, '请选择承办角色'),
    /** The parties chose this mediator themselves (People's Mediation Law Art. 19). */
    chosenByParties: z.boolean().default(false),
    /** Assign despite a conflict of interest: a written reason, kept in the audit trail. */
    overrideReason: optionalText(500)
  })
  .strict()

export const recuseSchema = z
  .object({
    assignmentId: id('承办记录'),
    reason: requiredText(500),
    replacementMediatorId: id('调解员').optional(),
    overrideReason: optionalText(500)
  })
  .strict()

export const suggestSchema = z
  .object({ caseId: id('案件'), hearingDates: z.array(isoDate).max(20).default([]) })
  .strict()
