/*
 * The register against a real store: the suggestion rule on real cases
 * (2 cases in 12 months: no; 3: yes; a red-risk case: yes; an already
 * registered person: no duplicate), the flag for a second record of the same
 * person, due reviews moving with visits, and a level change audited with
 * its reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { residentId } from '../../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, tableCounts, type TempApp } from '../../../../tests/support/temp-app'
import { services } from '../index'
import { registerAt } from './prevention-test-kit'

const clock = fixedClock('2026-11-30T02:00:00.000Z')
let app: TempApp
beforeEach(async () => {
  clock.set('2026-11-30T02:00:00.000Z')
  app = await startTempApp({ clock })
})
afterEach(() => app.dispose())

const REPEAT_ID = residentId('1966-05-05', 515)

/** A case with 赵大勇 (the same ID number each time, saved anew as a clerk who does not reuse would). */
async function caseWithRepeater(on: string, risk: 'red' | 'yellow' | 'green' = 'green') {
  clock.set(`${on}T02:00:00.000Z`)
  const detail = await registerAt(app, 'wutian', {
    occurredOn: null,
    riskLevel: risk,
    riskReason: risk === 'green' ? null : '情绪激动',
    parties: [
      { kind: 'person', role: 'applicant', name: '赵大勇', idType: 'resident_id', idNumber: REPEAT_ID },
      {
        kind: 'person',
        role: 'respondent',
        name: '钱小红',
        idType: 'resident_id',
        idNumber: residentId('1980-02-02', 222)
      }
    ]
  })
  clock.set('2026-11-30T02:00:00.000Z')
  return detail
}

const suggestedNames = async () => (await services['keyPersons.suggestions'](app.ctx, {})).map((s) => s.name).sort()

describe('suggestions', () => {
  it('two cases in twelve months: no suggestion', async () => {
    await caseWithRepeater('2026-03-01')
    await caseWithRepeater('2026-10-01')
    expect(await suggestedNames()).toEqual([])
  })

  it('three cases in twelve months: 赵大勇 is suggested, never registered by it', async () => {
    await caseWithRepeater('2025-11-01') // older than twelve months: does not count
    await caseWithRepeater('2026-03-01')
    await caseWithRepeater('2026-10-01')
    expect(await suggestedNames()).toEqual([])
    await caseWithRepeater('2026-11-28')
    const [suggestion] = await services['keyPersons.suggestions'](app.ctx, {})
    expect(suggestion).toMatchObject({ name: '赵大勇', casesInYear: 3, why: '近 12 个月涉及 3 件纠纷' })
    expect(suggestion.maskedIdNumber).not.toBe(REPEAT_ID)
    expect(await app.ctx.db.selectFrom('key_persons').select('id').execute()).toEqual([])
  })

  it('a red-risk case: both its parties are suggested; once registered, no duplicate suggestion', async () => {
    const theCase = await caseWithRepeater('2024-06-01', 'red')
    expect(await suggestedNames()).toEqual(['赵大勇', '钱小红'])
    await services['keyPersons.register'](app.ctx, {
      partyId: theCase.parties[0].id,
      caseId: theCase.id,
      reason: 'escalation_risk',
      reasonNote: null,
      level: 'red',
      levelReason: '扬言报复',
      responsibleUserId: null
    })
    expect(await suggestedNames()).toEqual(['钱小红'])
  })
})

describe('the register', () => {
  it('refuses a second registration of the same person, even through another party record', async () => {
    const first = await caseWithRepeater('2026-11-01')
    const second = await caseWithRepeater('2026-11-20')
    const input = {
      caseId: null,
      reason: 'repeat_disputant' as const,
      reasonNote: null,
      level: 'yellow' as const,
      levelReason: '反复来访',
      responsibleUserId: null
    }
    await services['keyPersons.register'](app.ctx, { ...input, partyId: first.parties[0].id })
    const before = await tableCounts(app)
    await expect(
      services['keyPersons.register'](app.ctx, { ...input, partyId: second.parties[0].id })
    ).rejects.toMatchObject({ code: 'CONFLICT', message: '赵大勇已在重点人员名单中' })
    expect(await tableCounts(app)).toEqual(before)
    // The second record is flagged too: by party, by ID number typed at intake, and its case in the list.
    const flags = await services['keyPersons.flags'](app.ctx, {
      partyIds: [second.parties[0].id, second.parties[1].id],
      idNumbers: [REPEAT_ID.toLowerCase()],
      caseIds: [second.id]
    })
    expect(Object.keys(flags.byParty)).toEqual([second.parties[0].id])
    expect(flags.byIdNumber[REPEAT_ID]).toMatchObject({ level: 'yellow' })
    expect(flags.byCase[second.id]).toMatchObject({ level: 'yellow' })
  })

  it('a review falls due by level, a visit moves it, a level change is audited with its reason', async () => {
    const theCase = await caseWithRepeater('2026-11-01')
    const person = await services['keyPersons.register'](app.ctx, {
      partyId: theCase.parties[0].id,
      caseId: theCase.id,
      reason: 'psychological_support',
      reasonNote: '丧偶后情绪低落',
      level: 'green',
      levelReason: '情绪尚稳定',
      responsibleUserId: null
    })
    expect(person.nextReviewOn).toBe('2027-02-28')
    expect(await services['keyPersons.dueReviews'](app.ctx, { withinDays: 7 })).toEqual([])

    const red = await services['keyPersons.setLevel'](app.ctx, {
      id: person.keyPersonId,
      level: 'red',
      reason: '扬言轻生'
    })
    expect(red.nextReviewOn).toBe('2026-12-07')
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'keyPersons.setLevel')
      .where('entity', '=', 'key_persons')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.summary)).toMatchObject({
      before: { level: 'green', level_reason: '情绪尚稳定' },
      after: { level: 'red', level_reason: '扬言轻生' }
    })

    clock.set('2026-12-09T02:00:00.000Z')
    const due = await services['keyPersons.dueReviews'](app.ctx, { withinDays: 0 })
    expect(due.map((d) => [d.name, d.overdue])).toEqual([['赵大勇', true]])
    const visited = await services['keyPersons.logReview'](app.ctx, {
      id: person.keyPersonId,
      kind: 'visit',
      on: '2026-12-09',
      note: '上门走访，已联系心理咨询师'
    })
    expect(visited.nextReviewOn).toBe('2026-12-16')
    expect(visited.log.map((l) => l.kind)).toEqual(['visit', 'level_changed', 'registered'])
    expect(await services['keyPersons.dueReviews'](app.ctx, { withinDays: 0 })).toEqual([])
  })
})
