/*
 * A fully filled sample case, built through the real services as a clerk and
 * a mediator would: two persons and one company, a lead mediator, two
 * sessions, an investigation and a mediation record, a written agreement
 * with two terms, a follow-up visit and a joint application for judicial
 * confirmation. The `docs:sample` command and the document tests render it.
 * The clock is moved as the story goes, so every date is one the rules accept.
 */
import type { Clock } from '../../context'
import type { RunningApp } from '../../startup'
import { registerCaseSchema } from '../../../../shared/domain/case-input'
import { mediatorRecordSchema } from '../../../../shared/domain/mediator-input'
import { saveRoomSchema } from '../../../../shared/domain/room'
import { scheduleHearingSchema } from '../../../../shared/domain/hearing-input'
import { addFollowUpSchema, addRecordSchema, createAgreementSchema } from '../../../../shared/domain/lifecycle-input'
import { residentIdCheckChar } from '../../../../shared/rules/resident-id'
import { creditCodeCheckChar } from '../../../../shared/rules/credit-code'
import { services } from '../index'
import { setSetting } from '../settings'

export interface SampleCase {
  caseId: string
  caseNumber: string
  partyNames: string[]
  /** Amounts as the documents print them. */
  amounts: string[]
}

const residentId = (first17: string) => first17 + residentIdCheckChar(first17)
const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17)

export const SAMPLE_PARTY_NAMES = ['王芳', '陈建国', '温州瓯海宏达建筑工程有限公司']

export async function buildSampleCase(app: RunningApp, clock: Clock & { set(iso: string): void }): Promise<SampleCase> {
  const ctx = app.ctx
  clock.set('2026-11-20T01:30:00.000Z')
  const office = await ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
  await setSetting(ctx, { key: 'installation.officeId', value: office.id })

  const registered = await services['cases.register'](
    ctx,
    registerCaseSchema.parse({
      source: 'walk_in',
      disputeType: 'neighbour',
      occurredOn: '2026-11-15',
      placeTownship: '梧田街道',
      placeVillage: '老殿后村',
      summary:
        '申请人与被申请人陈建国系邻居。被申请人陈建国委托温州瓯海宏达建筑工程有限公司翻建房屋，施工中占用公共通道约0.8米并堵塞排水沟，雨天积水流入申请人家中，双方多次发生口角。',
      claims: ['恢复公共通道原状', '疏通排水沟', '赔偿清淤及物品损失费用人民币12,500.50元'],
      amountCents: 1_250_050,
      riskLevel: 'yellow',
      riskReason: '双方情绪激动，曾有推搡',
      parties: [
        {
          kind: 'person',
          role: 'applicant',
          name: '王芳',
          idType: 'resident_id',
          idNumber: residentId('33030419780412122'),
          ethnicity: '汉族',
          occupation: '个体经营',
          phone: '13857712345',
          address: '温州市瓯海区梧田街道老殿后村12号'
        },
        {
          kind: 'person',
          role: 'respondent',
          name: '陈建国',
          idType: 'resident_id',
          idNumber: residentId('33030419690930351'),
          ethnicity: '汉族',
          occupation: '农民',
          phone: '13905771234',
          address: '温州市瓯海区梧田街道老殿后村14号'
        },
        {
          kind: 'organisation',
          role: 'respondent',
          name: '温州瓯海宏达建筑工程有限公司',
          creditCode: creditCode('91330304MA2H8K7P0'),
          legalRepresentative: '李宏达',
          phone: '0577-88881234',
          address: '温州市瓯海区梧田街道南白象工业区8号'
        }
      ]
    })
  )
  const caseId = registered.id
  const accepted = await services['cases.accept'](ctx, { caseId })

  const mediator = await services['mediators.save'](ctx, {
    record: mediatorRecordSchema.parse({
      kind: 'full_time',
      name: '林海燕',
      gender: 'female',
      idNumber: residentId('33030419750308262'),
      phone: '13906771234',
      profession: null,
      status: 'active',
      capacity: 20,
      officeCodes: ['wutian'],
      specialties: ['neighbour'],
      chambers: [],
      credentials: [],
      conflicts: [],
      leaves: [],
      note: null
    })
  })
  await services['assignments.assign'](ctx, {
    caseId,
    mediatorId: mediator.id,
    role: 'lead',
    chosenByParties: false,
    overrideReason: null
  })
  const room = await services['rooms.save'](
    ctx,
    saveRoomSchema.parse({ officeId: office.id, name: '第一调解室', capacity: 8, videoCapable: false })
  )
  const partyIds = accepted.parties.map((p) => p.id)
  for (const [startsAt, endsAt, purpose] of [
    ['2026-11-24T09:00', '2026-11-24T11:00', '听取双方陈述，查看现场照片'],
    ['2026-11-27T09:30', '2026-11-27T11:30', '就公共通道占用及排水沟堵塞进行调解']
  ]) {
    await services['hearings.schedule'](
      ctx,
      scheduleHearingSchema.parse({
        caseId,
        kind: 'mediation',
        startsAt,
        endsAt,
        placeKind: 'room',
        roomId: room.id,
        address: null,
        leadMediatorId: mediator.id,
        partyIds,
        purpose,
        confirmWarnings: true
      })
    )
  }

  clock.set('2026-11-27T06:00:00.000Z')
  await services['records.add'](
    ctx,
    addRecordSchema.parse({
      caseId,
      kind: 'investigation',
      heldAt: '2026-11-26 14:00',
      place: '梧田街道老殿后村12号现场',
      investigator: '林海燕',
      recorder: '郑晓丽',
      personQuestioned: '邻居张阿婆',
      content: '张阿婆称排水沟自今年八月施工起堵塞，雨天积水流入王芳家中。现场查看，通道被占用约0.8米。'
    })
  )
  await services['records.add'](
    ctx,
    addRecordSchema.parse({
      caseId,
      kind: 'mediation',
      heldAt: '2026-11-27 09:30',
      place: '梧田街道矛盾纠纷调解分中心第一调解室',
      subject: '公共通道占用及排水沟堵塞纠纷',
      recorder: '郑晓丽',
      participants: '调解员林海燕、记录员郑晓丽、老殿后村调解委员会主任',
      partiesPresent: '申请人王芳；被申请人陈建国；被申请人温州瓯海宏达建筑工程有限公司（法定代表人李宏达）',
      rightsExplained: true,
      statements: [
        {
          party: '王芳',
          statement: '被申请人翻建房屋占用公共通道，排水沟被堵，雨天积水进屋，要求恢复原状并赔偿损失。'
        },
        { party: '陈建国', statement: '同意拆除占用部分，施工由建筑公司负责，费用应由公司承担。' },
        { party: '温州瓯海宏达建筑工程有限公司', statement: '同意疏通排水沟并承担清淤费用。' }
      ],
      evidenceChecked: '现场照片六张，村委会出具的通道宽度证明',
      riskWarnings: '告知各方不得采取过激行为，协议达成后应自觉履行',
      result: 'agreement',
      resultNote: null
    })
  )
  const agreed = await services['agreements.create'](
    ctx,
    createAgreementSchema.parse({
      caseId,
      kind: 'written',
      facts:
        '被申请人陈建国委托被申请人温州瓯海宏达建筑工程有限公司翻建房屋，施工中占用公共通道约0.8米，并堵塞排水沟，造成申请人家中积水受损。',
      disputedPoints: '占用部分是否拆除；排水沟疏通及损失费用由谁承担。',
      responsibility:
        '被申请人陈建国对占用通道负主要责任；被申请人温州瓯海宏达建筑工程有限公司对堵塞排水沟负主要责任。',
      terms: [
        {
          content: '被申请人陈建国于2026年12月10日前拆除占用公共通道部分，恢复原状。',
          amountCents: null,
          dueOn: '2026-12-10'
        },
        {
          content:
            '被申请人温州瓯海宏达建筑工程有限公司疏通排水沟，并向申请人支付清淤及物品损失费用人民币12,500.50元。',
          amountCents: 1_250_050,
          dueOn: '2026-11-28'
        }
      ],
      performanceManner: '拆除和疏通由被申请人自行完成；款项以银行转账方式一次性支付至申请人账户，',
      performanceDeadline: '2026-12-10',
      amountCents: 1_250_050,
      copies: 4,
      signedOn: '2026-11-27',
      effectiveOn: '2026-11-27',
      mediatorName: '林海燕',
      seeksConfirmation: true
    })
  )
  const termIds = agreed.agreement!.terms.map((t) => t.id)

  clock.set('2026-11-29T02:00:00.000Z')
  await services['followUps.add'](
    ctx,
    addFollowUpSchema.parse({
      caseId,
      visitedOn: '2026-11-29',
      method: 'phone',
      visitedParty: '申请人王芳',
      performance: 'partial',
      performedAmountCents: 1_250_050,
      satisfaction: 'satisfied',
      escalationSigns: null,
      measures: null,
      courtOutcome: null,
      visitorName: '林海燕',
      termsPerformed: [{ termId: termIds[1], performedOn: '2026-11-28' }]
    })
  )
  await services['confirmations.apply'](ctx, {
    caseId,
    appliedOn: '2026-11-28',
    court: '温州市瓯海区人民法院',
    jointly: true,
    note: null
  })
  return {
    caseId,
    caseNumber: accepted.caseNumber!,
    partyNames: SAMPLE_PARTY_NAMES,
    amounts: ['12,500.50']
  }
}
