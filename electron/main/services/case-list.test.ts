/*
 * The case list against a real store: the one search box (names of every
 * length, ID, phone and case-number fragments, summary words), the filters
 * (with registration dates in China time) and keyset paging.
 */
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CaseListPage } from '../../../shared/domain/case'
import type { MethodInput } from '../../../shared/ipc-contract'
import type { PartyInput, RegisterCaseInput } from '../../../shared/domain/case-input'
import type { IpcResult } from '../../../shared/errors'
import { chooseOffice, creditCode, registration, residentId } from '../../../tests/support/intake-fixtures'
import { fixedClock, startTempApp, type TempApp } from '../../../tests/support/temp-app'
import { createHandlerTable, type HandlerTable } from '../ipc/register'
import { SHORT_WORD_WINDOW } from './case-list'

const clock = fixedClock('2026-11-29T02:00:00.000Z')
let app: TempApp
let api: HandlerTable

beforeEach(async () => {
  clock.set('2026-11-29T02:00:00.000Z')
  app = await startTempApp({ clock })
  api = createHandlerTable(app.ctx)
  await chooseOffice(app, 'wutian')
})
afterEach(async () => app.dispose())

function ok<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`)
  return result.data
}

async function register(overrides: Partial<RegisterCaseInput> = {}): Promise<string> {
  return ok(await api['cases.register'](registration(overrides))).id
}

async function list(input: MethodInput<'cases.list'> = {}): Promise<CaseListPage> {
  return ok(await api['cases.list'](input))
}

/** The ids a search finds, in the order listed. */
async function found(input: MethodInput<'cases.list'>): Promise<string[]> {
  return (await list(input)).rows.map((r) => r.id)
}

const person = (role: PartyInput['role'], name: string, birth: string, seq: number, phone: string, region?: string) =>
  ({ kind: 'person', role, name, idNumber: residentId(birth, seq, region), phone }) satisfies PartyInput

const ID = {
  wangFangfang: residentId('1985-02-03', 416),
  ouyang: residentId('1990-07-15', 64)
}
const COMPANY_CODE = creditCode('330304MA2HB6UX3')

describe('searching the case list', () => {
  /** Eight cases registered one after another, as in a week at the Wutian office. */
  let c: Record<'drain' | 'loan' | 'wages' | 'melon' | 'dog' | 'crash' | 'lift' | 'house', string>

  beforeEach(async () => {
    const at = (n: number) => clock.set(`2026-11-2${n}T01:00:00.000Z`)
    at(1)
    const drain = await register()
    at(2)
    const loan = await register({
      source: 'phone',
      disputeType: 'contract',
      summary: '被申请人向申请人借款五万元，约定一年内归还，至今未还。',
      riskLevel: 'green',
      riskReason: null,
      parties: [
        person('applicant', '王芳芳', '1985-02-03', 416, '13968802468'),
        person('respondent', '陈建', '1972-06-18', 233, '13780055110')
      ]
    })
    at(3)
    const wages = await register({
      source: 'grid_report',
      disputeType: 'labour',
      summary: '申请人在被申请人处从事鞋帮缝制工作，被申请人拖欠三个月工资。',
      riskLevel: 'red',
      riskReason: '涉及多名工人，有集体上访苗头',
      parties: [
        person('applicant', '欧阳娜娜', '1990-07-15', 64, '15067729876'),
        { kind: 'organisation', role: 'respondent', name: '温州瓯海鞋业有限公司', creditCode: COMPANY_CODE }
      ]
    })
    at(4)
    const melon = await register({
      source: 'online',
      disputeType: 'consumer',
      summary: '申请人在被申请人经营的水果店购买的哈密瓜变质，要求退款。',
      riskLevel: 'green',
      riskReason: null,
      parties: [
        person('applicant', '阿依古丽·买买提', '1992-03-08', 128, '18167730011', '650102'),
        person('respondent', '李明', '1966-11-21', 57, '13606610022')
      ]
    })
    at(5)
    const dog = await register({
      source: 'police',
      disputeType: 'damages',
      summary: '被申请人饲养的狗咬伤申请人，申请人要求赔偿医药费。',
      parties: [
        person('applicant', '𠮷田', '1980-01-09', 275, '13757740033'),
        person('respondent', '张伟', '1958-12-24', 193, '13819940044')
      ]
    })
    at(6)
    const crash = await register({
      source: 'court',
      disputeType: 'traffic',
      summary: '双方电动自行车在路口相撞，对责任划分有争议。',
      riskLevel: 'green',
      riskReason: null,
      parties: [
        person('applicant', '周杰', '1995-10-27', 39, '15958850066'),
        person('respondent', '孙丽', '1987-05-30', 442, '18857755321')
      ]
    })
    at(7)
    const lift = await register({
      disputeType: 'property_mgmt',
      summary: '申请人以电梯长期故障为由拒交物业费。',
      riskLevel: 'green',
      riskReason: null,
      parties: [
        person('applicant', '郑小红', '1979-08-14', 306, '13587760077'),
        person('respondent', '黄海', '1961-04-04', 171, '13736670088')
      ]
    })
    at(8)
    const house = await register({
      source: 'petition',
      disputeType: 'marriage_family',
      summary: '兄弟二人因父亲遗留房屋的分割发生争执。',
      parties: [
        person('applicant', '黄涛', '1964-09-19', 95, '13676690099'),
        person('respondent', '黄海', '1961-04-04', 171, '13736670088')
      ]
    })
    c = { drain, loan, wages, melon, dog, crash, lift, house }
  })

  it('lists every case newest first by default, and oldest first on request', async () => {
    const newest = await list()
    expect(newest.rows.map((r) => r.id)).toEqual([c.house, c.lift, c.crash, c.dog, c.melon, c.wages, c.loan, c.drain])
    expect(newest).toMatchObject({ total: 8, nextCursor: null, notice: null })
    expect(await found({ sort: 'oldest' })).toEqual([
      c.drain,
      c.loan,
      c.wages,
      c.melon,
      c.dog,
      c.crash,
      c.lift,
      c.house
    ])
  })

  it('finds a two-character name and every name it begins: 陈建 finds 陈建 and 陈建国, 王芳 finds 王芳 and 王芳芳', async () => {
    expect(await found({ query: '陈建' })).toEqual([c.loan, c.drain])
    expect(await found({ query: '王芳' })).toEqual([c.loan, c.drain])
    // Three characters name exactly one of them.
    expect(await found({ query: '王芳芳' })).toEqual([c.loan])
    const row = (await list({ query: '陈建' })).rows[0]
    expect(row).toMatchObject({ applicants: ['王芳芳'], respondents: ['陈建'] })
  })

  it('finds names by a one-character surname, including a compound surname and a character outside the BMP', async () => {
    expect(await found({ query: '欧' })).toEqual([c.wages])
    expect(await found({ query: '黄' })).toEqual([c.house, c.lift])
    expect(await found({ query: '𠮷' })).toEqual([c.dog])
    expect(await found({ query: '𠮷田' })).toEqual([c.dog])
    expect((await list({ query: '𠮷田' })).rows[0].applicants).toEqual(['𠮷田'])
  })

  it('finds a minority name written with a middle dot, whole or by its first part', async () => {
    expect(await found({ query: '阿依古丽·买买提' })).toEqual([c.melon])
    expect(await found({ query: '阿依古丽' })).toEqual([c.melon])
    expect((await list({ query: '阿依古丽' })).rows[0].applicants).toEqual(['阿依古丽·买买提'])
  })

  it('finds a case by the last four characters of an ID, six digits from inside one, or a whole credit code', async () => {
    expect(await found({ query: ID.wangFangfang.slice(-4) })).toEqual([c.loan])
    expect(await found({ query: ID.ouyang.slice(8, 14) })).toEqual([c.wages])
    expect(await found({ query: COMPANY_CODE.toLowerCase() })).toEqual([c.wages])
  })

  it('finds a case by a phone fragment of four or more digits', async () => {
    expect(await found({ query: '5532' })).toEqual([c.crash])
    expect(await found({ query: '6670088' })).toEqual([c.house, c.lift])
    // A landline is found by the digits after its area code.
    expect(await found({ query: '88881234' })).toEqual([c.drain])
  })

  it('finds an accepted case by its full case number', async () => {
    for (const id of [c.drain, c.loan, c.wages]) ok(await api['cases.accept']({ caseId: id }))
    const page = await list({ query: '(2026)瓯海梧田调字第2号' })
    expect(page.rows.map((r) => [r.id, r.caseNumber])).toEqual([[c.loan, '(2026)瓯海梧田调字第2号']])
    expect(await found({ query: '(2026)瓯海梧田调字第1号' })).toEqual([c.drain])
  })

  it('finds summary words: a phrase of three or more characters, and a two-character word among recent cases', async () => {
    expect(await found({ query: '排水沟' })).toEqual([c.drain])
    expect(await found({ query: '哈密瓜' })).toEqual([c.melon])
    const loanWord = await list({ query: '借款' })
    expect(loanWord.rows.map((r) => r.id)).toEqual([c.loan])
    expect(loanWord.notice).toBeNull()
    expect(await found({ query: '没有这个词' })).toEqual([])
  })

  it('filters by status, risk colour, dispute type and source, also together with a search', async () => {
    ok(await api['cases.accept']({ caseId: c.drain }))
    ok(await api['cases.accept']({ caseId: c.wages }))
    ok(await api['cases.decline']({ caseId: c.house, reason: 'already_handled', route: '向人民法院提起诉讼' }))

    expect(await found({ status: 'accepted' })).toEqual([c.wages, c.drain])
    expect(await found({ status: 'declined' })).toEqual([c.house])
    expect((await list({ status: 'registered' })).total).toBe(5)
    expect(await found({ riskLevel: 'red' })).toEqual([c.wages])
    expect(await found({ riskLevel: 'yellow' })).toEqual([c.house, c.dog, c.drain])
    expect(await found({ disputeType: 'consumer' })).toEqual([c.melon])
    expect(await found({ source: 'police' })).toEqual([c.dog])
    expect(await found({ source: 'walk_in' })).toEqual([c.lift, c.drain])
    expect(await found({ query: '王芳', status: 'accepted' })).toEqual([c.drain])
    expect(await found({ query: '黄', riskLevel: 'green', sort: 'oldest' })).toEqual([c.lift])
  })

  it('filters by the office now handling a case, after a transfer', async () => {
    const chamber = (
      await app.ctx.db.selectFrom('offices').select('id').where('code', '=', 'chamber').executeTakeFirstOrThrow()
    ).id
    const wutian = (
      await app.ctx.db.selectFrom('offices').select('id').where('code', '=', 'wutian').executeTakeFirstOrThrow()
    ).id
    ok(await api['cases.route']({ caseId: c.wages, kind: 'transfer', toOfficeId: chamber, note: '企业系商会会员' }))

    const atChamber = await list({ officeId: chamber })
    expect(atChamber.rows.map((r) => [r.id, r.handlingOfficeName])).toEqual([[c.wages, '瓯海区商协会行业调解工作中心']])
    const atWutian = await found({ officeId: wutian })
    expect(atWutian).toHaveLength(7)
    expect(atWutian).not.toContain(c.wages)
  })
})

describe('registration dates in China time', () => {
  it('counts a case registered at 00:00 in Wenzhou to that day, though UTC still says the day before', async () => {
    const at = async (iso: string) => {
      clock.set(iso)
      return register({ occurredOn: null })
    }
    const lateOn19 = await at('2026-11-19T15:59:59.000Z') // 11-19 23:59:59 in Wenzhou
    const startOf20 = await at('2026-11-19T16:00:00.000Z') // 11-20 00:00:00
    const endOf20 = await at('2026-11-20T15:59:59.999Z') // 11-20 23:59:59.999
    const startOf21 = await at('2026-11-20T16:00:00.000Z') // 11-21 00:00:00

    expect(await found({ registeredFrom: '2026-11-20', registeredTo: '2026-11-20' })).toEqual([endOf20, startOf20])
    expect(await found({ registeredFrom: '2026-11-20' })).toEqual([startOf21, endOf20, startOf20])
    expect(await found({ registeredTo: '2026-11-19' })).toEqual([lateOn19])
    expect(await found({ registeredFrom: '2026-11-21', registeredTo: '2026-11-21' })).toEqual([startOf21])
    expect((await list({ registeredFrom: '2026-11-22' })).total).toBe(0)
  })
})

describe('paging', () => {
  it('pages 120 cases by 50: 50, 50, 20, no case twice, none missed, the total on every page', async () => {
    const all: string[] = []
    for (let i = 0; i < 120; i++) {
      all.push(
        await register({ disputeType: i % 3 === 0 ? 'labour' : 'neighbour', summary: `第${i + 1}件：邻里通道纠纷。` })
      )
    }

    for (const sort of ['newest', 'oldest'] as const) {
      const pages: CaseListPage[] = []
      let cursor: string | undefined
      do {
        const page = await list({ sort, limit: 50, cursor })
        pages.push(page)
        cursor = page.nextCursor ?? undefined
      } while (cursor && pages.length < 10)

      expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 20])
      expect(pages.map((p) => p.total)).toEqual([120, null, null])
      expect(pages.at(-1)?.nextCursor).toBeNull()
      const ids = pages.flatMap((p) => p.rows.map((r) => r.id))
      expect(ids).toEqual(sort === 'newest' ? [...all].reverse() : all)
    }
  })

  it('pages a filtered list with the filtered total', async () => {
    const labour: string[] = []
    for (let i = 0; i < 120; i++) {
      const id = await register({ disputeType: i % 3 === 0 ? 'labour' : 'neighbour' })
      if (i % 3 === 0) labour.push(id)
    }
    const first = await list({ disputeType: 'labour', limit: 15 })
    const second = await list({ disputeType: 'labour', limit: 15, cursor: first.nextCursor! })
    const third = await list({ disputeType: 'labour', limit: 15, cursor: second.nextCursor! })
    expect([first, second, third].map((p) => [p.rows.length, p.total])).toEqual([
      [15, 40],
      [15, null],
      [10, null]
    ])
    expect(third.nextCursor).toBeNull()
    expect([first, second, third].flatMap((p) => p.rows.map((r) => r.id))).toEqual([...labour].reverse())
  })
})

describe('paging a search the index drives', () => {
  it('walks the matches page by page, both ways, also when a filter keeps only a few of them', async () => {
    // 150 cases share the phrase; every 30th is a labour dispute, so the filter rejects most index hits and the
    // walk must read on past its first chunk.
    const all: string[] = []
    const labour: string[] = []
    for (let i = 0; i < 150; i++) {
      const disputeType = i % 30 === 0 ? 'labour' : 'neighbour'
      const id = await register({ disputeType, summary: `第${i + 1}件：楼道堆放杂物引发争执。` })
      all.push(id)
      if (disputeType === 'labour') labour.push(id)
    }
    await register({ summary: '无关的案情：工资拖欠。' })

    async function walk(input: MethodInput<'cases.list'>): Promise<{ ids: string[]; totals: Array<number | null> }> {
      const ids: string[] = []
      const totals: Array<number | null> = []
      let cursor: string | undefined
      do {
        const page = await list({ ...input, cursor })
        ids.push(...page.rows.map((r) => r.id))
        totals.push(page.total)
        cursor = page.nextCursor ?? undefined
      } while (cursor && totals.length < 20)
      return { ids, totals }
    }

    const newest = await walk({ query: '堆放杂物', limit: 40 })
    expect(newest.ids).toEqual([...all].reverse())
    expect(newest.totals).toEqual([150, null, null, null])
    const oldest = await walk({ query: '堆放杂物', limit: 40, sort: 'oldest' })
    expect(oldest.ids).toEqual(all)

    const filtered = await walk({ query: '堆放杂物', disputeType: 'labour', limit: 2 })
    expect(filtered.ids).toEqual([...labour].reverse())
    expect(filtered.totals).toEqual([5, null, null])

    // The first character of a name drives the same way: every case has the fixture's applicant.
    const byFirstChar = await walk({ query: '王', limit: 60 })
    expect(byFirstChar.ids.length).toBeGreaterThanOrEqual(151)
    expect(new Set(byFirstChar.ids).size).toBe(byFirstChar.ids.length)
  })
})

describe('what the list shows', () => {
  // A 𠮷 straddling the 80th UTF-16 unit must not be cut in half (it would show as �).
  it('shortens a long summary without cutting a character outside the BMP in half', async () => {
    // 79 ordinary characters, then 𠮷 (two UTF-16 units) straddling the 80-unit cut.
    const summary = `${'申'.repeat(79)}𠮷田家的排水沟被堵塞。`
    await register({ summary })
    const shown = (await list()).rows[0].summary
    expect(shown.endsWith('…')).toBe(true)
    expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(summary.startsWith(shown.slice(0, -1))).toBe(true)
  })
})

describe('a register too large to read every summary', () => {
  it('finds a two-character word in every case; a term with punctuation only among recent cases, and says so', async () => {
    const old = await register({ summary: '被申请人向申请人借款三万元未还。' })
    const recent = await register({ summary: '双方因宅基地边界发生争执。' })
    // Stand in for a register of tens of thousands of cases: the newest case sits far past the window.
    await sql`update cases set seq = ${SHORT_WORD_WINDOW + 5000} where id = ${recent}`.execute(app.ctx.db)

    const word = await list({ query: '借款' })
    expect(word.rows.map((r) => r.id)).toEqual([old])
    expect(word.notice).toBeNull()
    const punctuated = await list({ query: '还。' })
    expect(punctuated.rows).toEqual([])
    expect(punctuated.notice).toMatch(/含标点或空格的两字检索词只在最近 20,000 件/)
    expect(await found({ query: '王芳' })).toContain(old)
    expect(await found({ query: '借款三万元' })).toEqual([old])
  })
})

describe('search after a party record is corrected', () => {
  // Reusing a party updates the shared record; the party's earlier cases must be found by the new name too.
  it('finds every case of a party by the corrected name, as the list shows it', async () => {
    const typo = ok(
      await api['cases.register'](
        registration({ parties: [{ ...registration().parties[0], name: '王方' }, registration().parties[1]] })
      )
    )
    const first = typo.id
    const second = await register({
      parties: [
        { kind: 'person', role: 'applicant', name: '王芳', existingPartyId: typo.parties[0].id },
        person('respondent', '赵磊', '1975-10-02', 311, '13705772222')
      ]
    })

    expect((await list({ sort: 'oldest' })).rows.map((r) => r.applicants)).toEqual([['王芳'], ['王芳']])
    expect(await found({ query: '王芳' })).toEqual([second, first])
    expect(await found({ query: '王' })).toEqual([second, first])
  })

  it('finds every case of a party by digits of the corrected phone, and none by the old one', async () => {
    const before = ok(await api['cases.register'](registration()))
    const oldPhone = registration().parties[0].phone!
    expect(await found({ query: oldPhone.slice(-6) })).toEqual([before.id])
    const after = await register({
      parties: [
        { ...registration().parties[0], existingPartyId: before.parties[0].id, phone: '13967011235' },
        person('respondent', '赵磊', '1975-10-02', 311, '13705772222')
      ]
    })
    expect(await found({ query: '9670112' })).toEqual([after, before.id])
    expect(await found({ query: oldPhone.slice(-6) })).toEqual([])
  })
})
