/*
 * Good and bad inputs of the hearing, room and calendar methods, for the
 * contract table in contract-cases.ts (run through every transport).
 */
import { expect } from 'vitest'
import type { hearingMethods } from '../../shared/contract/hearings'
import { scheduleHearingSchema } from '../../shared/domain/hearing-input'
import { services } from '../../electron/main/services/index'
import type { MethodCases } from './contract-cases'
import { officeId } from './contract-cases'
import { addRoom, sessionInput } from './hearing-fixtures'
import { addMediator } from './roster-fixtures'
import type { TempApp } from './temp-app'

export function hearingCases(
  app: TempApp,
  registeredCaseId: () => Promise<string>
): { [M in keyof typeof hearingMethods]: MethodCases<M> } {
  /** An accepted case with a mediator and a room, ready to schedule. */
  async function ready() {
    const caseId = await registeredCaseId()
    const theCase = await services['cases.accept'](app.ctx, { caseId })
    const mediator = await addMediator(app)
    const room = await addRoom(app)
    return { theCase, mediator, room, draft: sessionInput(theCase, mediator.id, room.id) }
  }
  async function scheduled() {
    const r = await ready()
    const hearing = await services['hearings.schedule'](app.ctx, scheduleHearingSchema.parse(r.draft))
    return { ...r, hearing }
  }
  const noSuchId = '01900000-0000-7000-8000-000000000000'

  return {
    'rooms.list': {
      good: async () => {
        const room = await addRoom(app)
        return {
          input: { officeId: room.officeId },
          expectData: (rooms) =>
            expect(rooms).toEqual([expect.objectContaining({ name: '第一调解室', capacity: 8, active: true })])
        }
      },
      bad: async () => [{ input: { officeId: 'wutian' }, field: 'officeId', message: '调解组织编号无效' }]
    },
    'rooms.save': {
      good: async () => ({
        input: { officeId: await officeId(app, 'wutian'), name: '视频调解室', capacity: 4, videoCapable: true },
        expectData: (room) =>
          expect(room).toMatchObject({
            name: '视频调解室',
            videoCapable: true,
            officeName: '梧田街道矛盾纠纷调解分中心'
          })
      }),
      bad: async () => {
        const room = await addRoom(app)
        return [
          {
            input: { officeId: room.officeId, name: '第一调解室', capacity: 6 },
            field: 'name',
            message: '本组织已有同名调解室'
          },
          {
            input: { officeId: room.officeId, name: '小间', capacity: 0 },
            field: 'capacity',
            message: '至少可容纳 1 人'
          },
          { input: { officeId: room.officeId, name: ' ', capacity: 3 }, field: 'name' },
          {
            input: { officeId: noSuchId, name: '会议室', capacity: 3 },
            field: 'officeId',
            message: '所选调解组织不存在'
          }
        ]
      }
    },
    'calendar.days': {
      good: async () => ({
        input: { from: '2026-09-20', to: '2026-10-02' },
        expectData: (answer) => {
          expect(answer.days).toHaveLength(13)
          expect(answer.days[0]).toMatchObject({ kind: 'adjusted_workday', working: true, name: '国庆节' })
          expect(answer.days.at(-1)).toMatchObject({ kind: 'holiday', working: false })
          expect(answer.uncoveredYears).toEqual([])
        }
      }),
      bad: async () => [
        { input: { from: '2026-10-02', to: '2026-09-20' }, field: 'to', message: '结束日期不能早于开始日期' },
        { input: { from: '2026/10/01', to: '2026-10-02' }, field: 'from' },
        { input: { from: '2020-01-01', to: '2026-01-01' }, field: 'to', message: '日期范围不能超过两年' }
      ]
    },
    'calendar.years': {
      good: async () => ({
        input: {},
        expectData: (years) => {
          expect(years.find((y) => y.year === 2026)).toMatchObject({ source: 'library', holidays: 33 })
          expect(years.find((y) => y.year === 2004)).toMatchObject({ inLibrary: true })
        }
      }),
      bad: async () => [{ input: { year: 2026 }, field: 'year' }]
    },
    'calendar.setDay': {
      good: async () => ({
        input: { date: '2027-02-06', kind: 'holiday', name: '春节' },
        expectData: async (day) => {
          expect(day).toEqual({ date: '2027-02-06', kind: 'holiday', name: '春节' })
          const years = await services['calendar.years'](app.ctx, {})
          expect(years.find((y) => y.year === 2027)).toMatchObject({ source: 'office', holidays: 1 })
        }
      }),
      bad: async () => [
        {
          input: { date: '2027-02-06', kind: 'vacation', name: '春节' },
          field: 'kind',
          message: '请选择放假或调休上班'
        },
        { input: { date: '2027-02-30x', kind: 'holiday', name: '春节' }, field: 'date' },
        { input: { date: '2027-02-06', kind: 'holiday', name: '' }, field: 'name', message: '此项不能为空' }
      ]
    },
    'calendar.removeDay': {
      good: async () => ({
        input: { date: '2026-09-20' },
        expectData: (year) => expect(year).toMatchObject({ year: 2026, source: 'office', adjustedWorkdays: 5 })
      }),
      bad: async () => [
        { input: { date: '2026-09-21' }, field: 'date', message: '2026-09-21 不在节假日安排中' },
        { input: { date: 20260920 }, field: 'date' }
      ]
    },
    'calendar.reseedYear': {
      good: async () => {
        await services['calendar.removeDay'](app.ctx, { date: '2026-10-01' })
        return {
          input: { year: 2026 },
          expectData: (year) => expect(year).toMatchObject({ source: 'library', holidays: 33, adjustedWorkdays: 6 })
        }
      },
      bad: async () => [
        { input: { year: 2027 }, field: 'year', message: '内置节假日数据没有2027年，请在国务院公布后逐日录入' },
        { input: { year: 1999 }, field: 'year', message: '年份超出范围' }
      ]
    },
    'calendar.officeHours': {
      good: async () => ({
        input: { officeId: await officeId(app, 'wutian') },
        expectData: (hours) =>
          expect(hours).toMatchObject({ isDefault: true, periods: [{ start: '08:30' }, { start: '13:30' }] })
      }),
      bad: async () => [{ input: { officeId: noSuchId }, field: 'officeId', message: '所选调解组织不存在' }]
    },
    'calendar.setOfficeHours': {
      good: async () => ({
        input: { officeId: await officeId(app, 'wutian'), periods: [{ start: '09:00', end: '17:00' }] },
        expectData: (hours) =>
          expect(hours).toMatchObject({ isDefault: false, periods: [{ start: '09:00', end: '17:00' }] })
      }),
      bad: async () => {
        const id = await officeId(app, 'wutian')
        return [
          { input: { officeId: id, periods: [{ start: '12:00', end: '08:30' }] }, field: 'periods.0.end' },
          { input: { officeId: id, periods: [] }, field: 'periods', message: '至少需要一段办公时间' },
          {
            input: {
              officeId: id,
              periods: [
                { start: '13:30', end: '17:30' },
                { start: '08:30', end: '12:00' }
              ]
            },
            field: 'periods',
            message: '办公时间段须按先后排列且互不重叠'
          },
          { input: { officeId: id, periods: [{ start: '8:30', end: '12:00' }] }, field: 'periods.0.start' }
        ]
      }
    },
    'hearings.list': {
      good: async () => {
        const { hearing, mediator } = await scheduled()
        return {
          input: { from: '2026-12-01', to: '2026-12-07', mediatorId: mediator.id },
          expectData: (rows) => {
            expect(rows).toHaveLength(1)
            expect(rows[0]).toMatchObject({ id: hearing.id, mediatorNames: ['林海燕'], partyNames: ['王芳', '陈建国'] })
          }
        }
      },
      bad: async () => [
        { input: { from: '2026-12-07', to: '2026-12-01' }, field: 'to' },
        { input: { from: '2026-12-01', to: '2026-12-07', roomId: 'r1' }, field: 'roomId' }
      ]
    },
    'hearings.byCase': {
      good: async () => {
        const { hearing, theCase } = await scheduled()
        return {
          input: { caseId: theCase.id },
          expectData: (list) => expect(list.map((h) => h.id)).toEqual([hearing.id])
        }
      },
      bad: async () => [{ input: { caseId: 'x' }, field: 'caseId', message: '案件编号无效' }]
    },
    'hearings.get': {
      good: async () => {
        const { hearing } = await scheduled()
        return { input: { id: hearing.id }, expectData: (h) => expect(h).toEqual(hearing) }
      },
      bad: async () => [{ input: { id: '' }, field: 'id', message: '调解会编号无效' }]
    },
    'hearings.check': {
      good: async () => {
        const { draft } = await scheduled()
        return {
          input: { ...draft, startsAt: '2026-12-03T10:00', endsAt: '2026-12-03T11:00' },
          expectData: (check) => {
            expect(check.hard.map((c) => c.kind)).toEqual(['mediator', 'party', 'party', 'room'])
            expect(check.freeSlots[0]).toEqual({ startsAt: '2026-12-03T11:00', endsAt: '2026-12-03T12:00' })
          }
        }
      },
      bad: async () => {
        const { draft } = await ready()
        return [
          {
            input: { ...draft, endsAt: '2026-12-04T01:00' },
            field: 'endsAt',
            message: '调解会不能跨越午夜，请分成两次安排'
          },
          { input: { ...draft, partyIds: [noSuchId] }, field: 'partyIds.0', message: '不是本案当事人' }
        ]
      }
    },
    'hearings.schedule': {
      good: async () => {
        const { draft } = await ready()
        return {
          input: draft,
          expectData: async (h) => {
            expect(h).toMatchObject({ status: 'scheduled', startsAt: '2026-12-03T09:00', placeText: '第一调解室' })
            const detail = await services['cases.get'](app.ctx, { caseId: h.caseId })
            expect(detail.events.at(-1)?.kind).toBe('hearing_scheduled')
          }
        }
      },
      bad: async () => {
        const { draft } = await ready()
        return [
          { input: { ...draft, endsAt: '2026-12-03T08:00' }, field: 'endsAt', message: '结束时间须晚于开始时间' },
          { input: { ...draft, placeKind: 'room', roomId: null }, field: 'roomId', message: '请选择调解室' },
          { input: { ...draft, placeKind: 'video', videoLink: 'zoom' }, field: 'videoLink' },
          { input: { ...draft, assistantIds: [draft.leadMediatorId] }, field: 'assistantIds.0' },
          { input: { ...draft, leadMediatorId: noSuchId }, field: 'leadMediatorId', message: '调解员不存在' },
          { input: { ...draft, roomId: noSuchId }, field: 'roomId', message: '调解室不存在' },
          { input: { ...draft, purpose: '' }, field: 'purpose' },
          { input: { ...draft, partyIds: [] }, field: 'partyIds', message: '请至少选择一名应到当事人' }
        ]
      }
    },
    'hearings.reschedule': {
      good: async () => {
        const { hearing, draft } = await scheduled()
        const { caseId: _caseId, ...rest } = draft
        return {
          input: {
            ...rest,
            id: hearing.id,
            startsAt: '2026-12-04T14:00',
            endsAt: '2026-12-04T15:00',
            reason: '申请人请求'
          },
          expectData: (h) =>
            expect(h).toMatchObject({ startsAt: '2026-12-04T14:00', version: 2, statusReason: '申请人请求' })
        }
      },
      bad: async () => {
        const { hearing, draft } = await scheduled()
        const { caseId: _caseId, ...rest } = draft
        return [
          { input: { ...rest, id: hearing.id, startsAt: '2026-12-04 14:00' }, field: 'startsAt' },
          { input: { ...rest, id: hearing.id, caseId: hearing.caseId }, field: 'caseId' }
        ]
      }
    },
    'hearings.postpone': {
      good: async () => {
        const { hearing } = await scheduled()
        return {
          input: { id: hearing.id, reason: '被申请人临时住院' },
          expectData: (h) => expect(h).toMatchObject({ status: 'postponed', statusReason: '被申请人临时住院' })
        }
      },
      bad: async () => {
        const { hearing } = await scheduled()
        return [
          { input: { id: hearing.id }, field: 'reason' },
          { input: { id: hearing.id, reason: ' ' }, field: 'reason', message: '此项不能为空' }
        ]
      }
    },
    'hearings.cancel': {
      good: async () => {
        const { hearing } = await scheduled()
        return {
          input: { id: hearing.id, reason: '双方已自行和解' },
          expectData: (h) => expect(h).toMatchObject({ status: 'cancelled', statusReason: '双方已自行和解' })
        }
      },
      bad: async () => {
        const { hearing } = await scheduled()
        return [{ input: { id: hearing.id, reason: '' }, field: 'reason', message: '此项不能为空' }]
      }
    },
    'hearings.markHeld': {
      good: async () => {
        const { hearing } = await scheduled()
        return { input: { id: hearing.id, note: '双方均到场' }, expectData: (h) => expect(h.status).toBe('held') }
      },
      bad: async () => {
        const { hearing } = await scheduled()
        return [{ input: { id: hearing.id, recordId: 'r-1' }, field: 'recordId', message: '调解记录编号无效' }]
      }
    },
    'hearings.notice': {
      good: async () => {
        const { hearing } = await scheduled()
        return {
          input: { id: hearing.id },
          expectData: (notice) => {
            expect(notice.timeText).toBe('2026年12月3日（星期四）09:00至11:00')
            expect(notice.pendingNotification).toEqual(['王芳', '陈建国'])
            expect(notice.bring.length).toBeGreaterThan(0)
          }
        }
      },
      bad: async () => [{ input: { hearingId: noSuchId }, field: 'hearingId' }]
    },
    'hearings.markNotified': {
      good: async () => {
        const { hearing, theCase } = await scheduled()
        return {
          input: { id: hearing.id, partyId: theCase.parties[0].id, how: 'phone' },
          expectData: (h) => expect(h.parties[0]).toMatchObject({ name: '王芳', notifiedHow: 'phone' })
        }
      },
      bad: async () => {
        const { hearing, theCase } = await scheduled()
        return [
          {
            input: { id: hearing.id, partyId: theCase.parties[0].id, how: 'pigeon' },
            field: 'how',
            message: '请选择通知方式'
          },
          {
            input: { id: hearing.id, partyId: noSuchId, how: 'sms' },
            field: 'partyId',
            message: '该当事人不在本次调解会的应到名单中'
          },
          { input: { id: hearing.id, partyId: theCase.parties[0].id, how: 'sms', at: 'yesterday' }, field: 'at' }
        ]
      }
    }
  }
}
