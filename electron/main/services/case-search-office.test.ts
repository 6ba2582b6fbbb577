/*
 * A search within offices through the full-text indexes alone: the office
 * tokens are written the same from JavaScript and SQL, a search within an
 * office finds the office's cases by every kind of term and none of another
 * office's, it follows a transfer, and an office added later is searchable.
 * (case-search-race.test.ts compares the scoped searches with the filters
 * alone on a generated store; seed.test.ts the migration with the writers.)
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { chooseOffice } from '../../../tests/support/intake-fixtures'
import { api, app, officeId, ok, person, register, useFreshApp } from '../../../tests/support/case-harness'
import { capturingContext } from '../tools/bench-cli'
import { listCases } from './case-list'
import {
  isInitialToken,
  isOpenStatus,
  isOpenStatusSql,
  markedNumber,
  markedNumberSql,
  markedText,
  markedTextSql,
  nameInitials,
  trigramMark,
  wordMark
} from './case-search-office'
import { CASE_STATUSES } from '../../../shared/domain/case'
import { listCasesSchema } from '../../../shared/domain/case-input'

useFreshApp()

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(app.ctx.db)).rows[0]

describe('the office tokens', () => {
  it('are the same written in JavaScript and in SQL', async () => {
    for (const mark of [1, 7, 4095, 4096, 4097, 100_000]) {
      for (const open of [true, false]) {
        const [m, o] = [String(mark), open ? '1' : '0']
        const row = await one(sql<{ number: string; blank: string; text: string }>`select
          ${sql.raw(markedNumberSql(`'(2026)瓯海梧田调字第1号'`, m, o))} as number,
          ${sql.raw(markedTextSql(`''`, m, o))} as blank, ${sql.raw(markedTextSql(`'借款 款合'`, m, o))} as text`)
        const tokens = { mark, open }
        expect(row).toEqual({
          number: markedNumber('(2026)瓯海梧田调字第1号', tokens),
          blank: markedText('', tokens),
          text: markedText('借款 款合', tokens)
        })
      }
      expect(Array.from(trigramMark(mark))).toHaveLength(3)
    }
    expect(new Set([1, 2, 4096, 4097].map(trigramMark)).size).toBe(4)
    expect(markedText('', { mark: 3, open: true })).toBe('om3 oopen')
    for (const status of CASE_STATUSES) {
      const { open } = await one(sql<{ open: number }>`select ${sql.raw(isOpenStatusSql(`'${status}'`))} as open`)
      expect({ status, open: open === 1 }).toEqual({ status, open: isOpenStatus(status) })
    }
  })

  it('hold each name’s first character once, in code-point order; only caseless letters and digits are searched so', () => {
    expect(nameInitials('|王芳|李四|王五|温州某某公司|')).toBe('李 温 王')
    expect(nameInitials('|𠮷田|王芳|')).toBe('王 𠮷')
    expect(nameInitials('')).toBe('')
    expect(['王', '李', '3'].map(isInitialToken)).toEqual([true, true, true])
    expect(['a', 'A', 'É', '（', '𠮷', '王芳'].map(isInitialToken)).toEqual([false, false, false, false, false, false])
  })
})

describe('a search within an office', () => {
  const search = async (query: string, officeIdAsked?: string, open?: boolean) =>
    ok(await api['cases.list']({ query, officeId: officeIdAsked, open, limit: 50 })).rows.map((r) => r.id)

  it('finds the office’s cases by every kind of term, and none of another office’s', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    const applicant = person('applicant', '欧阳明辉', { idType: 'resident_id', idNumber: '330304198503150014' })
    const here = await register({
      summary: '邻居装修噪音扰民，申请人要求赔偿损失',
      parties: [applicant, person('respondent', '卜凡')]
    })
    const jingshan = await chooseOffice(app, 'jingshan')
    const there = await register({
      summary: '邻居装修噪音扰民，申请人要求赔偿损失',
      parties: [applicant, person('respondent', '卜凡')]
    })
    for (const term of ['欧阳明辉', '欧阳', '卜', '装修', '噪音扰民', '19850315']) {
      expect({ term, found: await search(term, wutian) }).toEqual({ term, found: [here.id] })
      expect({ term, found: await search(term, jingshan) }).toEqual({ term, found: [there.id] })
      expect({ term, found: (await search(term)).sort() }).toEqual({ term, found: [here.id, there.id].sort() })
    }
  })

  it('is one full-text query with the office’s token, and no office filter besides', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    await register({ parties: [person('applicant', '卜凡'), person('respondent', '张三')] })
    const capture = capturingContext(app.ctx, app.store.handle)
    await listCases(capture.ctx, listCasesSchema.parse({ query: '卜', officeId: wutian }))
    const statements = capture.take()
    const { mark } = await app.ctx.db
      .selectFrom('office_marks')
      .select('mark')
      .where('office_id', '=', wutian)
      .executeTakeFirstOrThrow()
    expect(statements.some((s) => s.parameters.includes(`("卜") AND ("${wordMark(mark)}")`))).toBe(true)
    expect(statements.some((s) => /"cases"."handling_office_id"/.test(s.sql))).toBe(false)
  })

  it('follows a transfer: the receiving office finds the case, the office it left does not', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    const chamber = await officeId('chamber')
    const moved = await register({
      summary: '货款纠纷，申请人要求支付货款',
      parties: [person('applicant', '欧阳明辉'), person('respondent', '卜凡')]
    })
    expect(await search('卜凡', wutian)).toEqual([moved.id])
    ok(await api['cases.route']({ caseId: moved.id, kind: 'transfer', toOfficeId: chamber, note: '商会会员' }))
    for (const term of ['卜凡', '卜', '货款', '支付货款']) {
      expect({ term, found: await search(term, wutian) }).toEqual({ term, found: [] })
      expect({ term, found: await search(term, chamber) }).toEqual({ term, found: [moved.id] })
    }
  })

  it('keeps to open cases: a declined case drops out of "open", and only out of it', async () => {
    const wutian = await chooseOffice(app, 'wutian')
    const parties = [person('applicant', '欧阳明辉'), person('respondent', '卜凡')]
    const summary = '相邻通行纠纷，申请人要求拆除围墙'
    const stays = await register({ summary, parties })
    const ends = await register({ summary, parties })
    const terms = ['欧阳明辉', '欧阳', '卜', '围墙', '拆除围墙']
    for (const term of terms) {
      expect((await search(term, wutian, true)).sort()).toEqual([stays.id, ends.id].sort())
    }
    ok(await api['cases.decline']({ caseId: ends.id, reason: 'already_handled', route: '向人民法院提起诉讼' }))
    for (const term of terms) {
      expect({ term, open: await search(term, wutian, true) }).toEqual({ term, open: [stays.id] })
      expect({ term, any: (await search(term, wutian)).sort() }).toEqual({ term, any: [stays.id, ends.id].sort() })
      expect({ term, open: await search(term, undefined, true) }).toEqual({ term, open: [stays.id] })
    }
    // Asked with another filter as well, the office's and open cases' walk races the index, and agrees.
    expect(await search('围墙', wutian, true)).toEqual(
      ok(await api['cases.list']({ query: '围墙', officeId: wutian, open: true, disputeType: 'neighbour' })).rows.map(
        (r) => r.id
      )
    )
  })

  it('gives an office added later its mark, so its cases are found within it', async () => {
    const marks = await app.ctx.db.selectFrom('office_marks').select(['office_id', 'mark']).execute()
    const offices = await app.ctx.db.selectFrom('offices').select('id').execute()
    expect(marks.map((m) => m.office_id).sort()).toEqual(offices.map((o) => o.id).sort())
    // As a hub's merge writes an office it has not seen: straight into the table.
    const template = await app.ctx.db
      .selectFrom('offices')
      .selectAll()
      .where('code', '=', 'wutian')
      .executeTakeFirstOrThrow()
    const added = {
      ...template,
      id: '0190a1b2-0000-7000-8000-0000000000aa',
      code: 'added',
      name: '新设调解委员会',
      short_name: '瓯海新设',
      sort_order: 999
    }
    await app.ctx.db.insertInto('offices').values(added).execute()
    const mark = await app.ctx.db
      .selectFrom('office_marks')
      .select('mark')
      .where('office_id', '=', added.id)
      .executeTakeFirstOrThrow()
    expect(mark.mark).toBeGreaterThan(Math.max(...marks.map((m) => m.mark)))
    await chooseOffice(app, 'added')
    const theirs = await register({ parties: [person('applicant', '卜凡'), person('respondent', '张三')] })
    expect(await search('卜', added.id)).toEqual([theirs.id])
  })
})
