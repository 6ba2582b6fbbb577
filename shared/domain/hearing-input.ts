/* Input schemas of the hearing methods. Field paths match the form's props, so errors land beside the field. */
import { z, requiredText } from '../validation'
import { ISO_DATE } from '../rules/china-time'
import { timeShapeProblem, WALL_CLOCK } from '../rules/hearing-clash'
import { DEFAULT_BRING, HEARING_KINDS, NOTIFY_METHODS, PLACE_KINDS } from './hearing'

const id = (what: string) => z.uuid(`${what}编号无效`)
const wallClock = z.string().regex(WALL_CLOCK, '时间格式应为 YYYY-MM-DDTHH:mm')
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 个字符`)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null))

/** Time, place and people of a session: what scheduling and rescheduling both take. */
const draftFields = {
  kind: z.enum(HEARING_KINDS, '请选择调解会或听证').default('mediation'),
  startsAt: wallClock,
  endsAt: wallClock,
  placeKind: z.enum(PLACE_KINDS, '请选择地点类型'),
  roomId: id('调解室').nullable().default(null),
  address: optionalText(200),
  videoLink: optionalText(300),
  leadMediatorId: id('调解员'),
  assistantIds: z.array(id('调解员')).max(10, '协助调解员过多').default([]),
  expertIds: z.array(id('专家')).max(10, '特邀专家过多').default([]),
  partyIds: z.array(id('当事人')).min(1, '请至少选择一名应到当事人').max(50),
  purpose: requiredText(200),
  bring: z.array(requiredText(100)).max(20).default(DEFAULT_BRING)
}

type DraftShape = {
  startsAt: string
  endsAt: string
  placeKind: string
  roomId: string | null
  address: string | null
  videoLink: string | null
  leadMediatorId?: string | null
  assistantIds: string[]
  expertIds: string[]
}

/** Rules across fields: the time span, the place its kind needs, one role per person. */
function checkDraft(draft: DraftShape, ctx: z.RefinementCtx): void {
  const problem = timeShapeProblem(draft.startsAt, draft.endsAt)
  if (problem && WALL_CLOCK.test(draft.startsAt) && WALL_CLOCK.test(draft.endsAt)) {
    ctx.addIssue({ code: 'custom', message: problem, path: ['endsAt'] })
  }
  if (draft.placeKind === 'room' && !draft.roomId) {
    ctx.addIssue({ code: 'custom', message: '请选择调解室', path: ['roomId'] })
  }
  if (draft.placeKind === 'onsite' && !draft.address) {
    ctx.addIssue({ code: 'custom', message: '请填写现场地址', path: ['address'] })
  }
  if (draft.placeKind === 'video' && !(draft.videoLink && /^https?:\/\/\S+$/.test(draft.videoLink))) {
    ctx.addIssue({ code: 'custom', message: '请填写以 http:// 或 https:// 开头的视频会议链接', path: ['videoLink'] })
  }
  const seen = new Set(draft.leadMediatorId ? [draft.leadMediatorId] : [])
  for (const [field, ids] of [
    ['assistantIds', draft.assistantIds],
    ['expertIds', draft.expertIds]
  ] as const) {
    ids.forEach((personId, index) => {
      if (seen.has(personId)) {
        ctx.addIssue({ code: 'custom', message: '同一人在本次调解会中只能担任一个角色', path: [field, index] })
      }
      seen.add(personId)
    })
  }
}

const confirmWarnings = z.boolean().default(false)

export const scheduleHearingSchema = z
  .object({ caseId: id('案件'), ...draftFields, confirmWarnings })
  .strict()
  .superRefine(checkDraft)

export const rescheduleHearingSchema = z
  .object({ id: id('调解会'), ...draftFields, reason: optionalText(200), confirmWarnings })
  .strict()
  .superRefine(checkDraft)

/** What the form has so far; the lead may still be missing. Writes nothing. */
export const checkHearingSchema = z
  .object({
    caseId: id('案件'),
    /** The session being rescheduled, which does not clash with itself. */
    id: id('调解会').optional(),
    ...draftFields,
    leadMediatorId: id('调解员').nullable().default(null)
  })
  .strict()
  .superRefine(checkDraft)

export const listHearingsSchema = z
  .object({
    from: z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD'),
    to: z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM-DD'),
    officeId: id('调解组织').optional(),
    mediatorId: id('调解员').optional(),
    roomId: id('调解室').optional(),
    includeCancelled: z.boolean().default(false)
  })
  .strict()
  .refine((r) => r.to >= r.from, { message: '结束日期不能早于开始日期', path: ['to'] })

export const hearingIdSchema = z.object({ id: id('调解会') }).strict()
export const caseHearingsSchema = z.object({ caseId: id('案件') }).strict()

const reason = requiredText(200)
export const postponeHearingSchema = z.object({ id: id('调解会'), reason }).strict()
export const cancelHearingSchema = z.object({ id: id('调解会'), reason }).strict()

export const markHeldSchema = z
  .object({ id: id('调解会'), note: optionalText(500), recordId: id('调解记录').nullable().default(null) })
  .strict()

export const markNotifiedSchema = z
  .object({
    id: id('调解会'),
    partyId: id('当事人'),
    how: z.enum(NOTIFY_METHODS, '请选择通知方式'),
    /** When they were told (an instant); now if not given. */
    at: z.iso.datetime({ offset: true, message: '时间格式无效' }).optional(),
    note: optionalText(200)
  })
  .strict()

export type ScheduleHearingInput = z.input<typeof scheduleHearingSchema>
export type CheckHearingInput = z.output<typeof checkHearingSchema>
