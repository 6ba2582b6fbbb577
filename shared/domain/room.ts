/* Mediation rooms (调解室) of each office, and each office's hours. */
import { z, requiredText } from '../validation'
import { CLOCK_TIME, type OfficePeriod } from '../rules/hearing-clash'

export interface Room {
  id: string
  version: number
  officeId: string
  officeName: string
  name: string
  capacity: number
  videoCapable: boolean
  active: boolean
  note: string | null
}

export interface OfficeHours {
  officeId: string
  periods: OfficePeriod[]
  /** True while the office has not set its own: the default 08:30–12:00, 13:30–17:30 applies. */
  isDefault: boolean
}

export const listRoomsSchema = z
  .object({ officeId: z.uuid('调解组织编号无效').optional(), includeInactive: z.boolean().optional() })
  .strict()

export const saveRoomSchema = z
  .object({
    id: z.uuid('调解室编号无效').optional(),
    officeId: z.uuid('请选择调解组织'),
    name: requiredText(50),
    capacity: z.number('请填写可容纳人数').int('可容纳人数须为整数').min(1, '至少可容纳 1 人').max(500, '人数过大'),
    videoCapable: z.boolean().default(false),
    active: z.boolean().default(true),
    note: z.string().trim().max(200, '不能超过 200 个字符').nullable().default(null)
  })
  .strict()

const period = z
  .object({
    start: z.string().regex(CLOCK_TIME, '时间格式应为 HH:mm'),
    end: z.string().regex(CLOCK_TIME, '时间格式应为 HH:mm')
  })
  .strict()
  .refine((p) => p.end > p.start, { message: '结束时间须晚于开始时间', path: ['end'] })

export const setOfficeHoursSchema = z
  .object({
    officeId: z.uuid('请选择调解组织'),
    periods: z
      .array(period)
      .min(1, '至少需要一段办公时间')
      .max(4, '最多四段办公时间')
      .refine((list) => list.every((p, i) => i === 0 || p.start >= list[i - 1].end), {
        message: '办公时间段须按先后排列且互不重叠'
      })
  })
  .strict()
