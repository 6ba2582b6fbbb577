/*
 * The rows an intake save writes without reading them back: the search rows
 * come from the parties just saved (not from refreshCaseSearch's re-read),
 * new parties and links go in as multi-row inserts, and the case's seq comes
 * from the insert itself. What they write must equal what the per-record
 * path writes, and the trail must list the records in the order they were
 * saved.
 */
import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { chooseOffice, creditCode, residentId } from '../../../tests/support/intake-fixtures'
import { app, person, register, useFreshApp } from '../../../tests/support/case-harness'
import { refreshCaseSearch } from './case-search-index'
import { writeChange } from './write'

useFreshApp()

async function searchRows() {
  const read = async (query: string) => (await sql.raw<Record<string, unknown>>(query).execute(app.ctx.db)).rows
  return {
    search: await read('select rowid, case_number, summary, names, id_numbers, phones from case_search order by rowid'),
    nameKeys: await read('select name, first_char, case_seq from case_name_keys order by case_seq, name')
  }
}

/** A second case reusing 王芳 (with a new phone) among new people, a company and an agent. */
async function registerMixed() {
  const first = await register()
  const wangFang = first.parties[0]
  const second = await register({
    summary: '申请人与被申请人因房屋漏水赔偿发生纠纷，物业公司参与协调。',
    parties: [
      person('applicant', '李强', { idNumber: residentId('1983-05-06', 219), phone: '13705771111' }),
      person('respondent', '王芳', { existingPartyId: wangFang.id, phone: '13957719999' }),
      {
        kind: 'organisation',
        role: 'respondent',
        name: '温州梧田物业管理有限公司',
        creditCode: creditCode('330304MA2H8K7P0')
      },
      // A second 李强 (another person): one name key per name, both in the FTS row.
      person('agent', '李强', { actsFor: 0 })
    ]
  })
  return { first, second, wangFangId: wangFang.id }
}

describe('an intake save without read-backs', () => {
  beforeEach(async () => {
    await chooseOffice(app, 'wutian')
  })

  it('writes the same search rows as refreshCaseSearch, for its own case and for a reused party’s earlier case', async () => {
    const { first, second } = await registerMixed()
    const written = await searchRows()
    expect(written.search).toHaveLength(2)
    expect(written.search[1]).toMatchObject({
      rowid: second.seq,
      names: '|李强|王芳|温州梧田物业管理有限公司|李强|',
      phones: '|13705771111|13957719999|'
    })
    // The earlier case follows 王芳's new phone.
    expect(written.search[0]).toMatchObject({ rowid: first.seq, phones: '|13957719999|0577-88881234|' })

    await writeChange(app.ctx, 'test.refresh', async (trx) => {
      for (const { id } of [first, second]) await refreshCaseSearch(trx, id)
    })
    expect(await searchRows()).toEqual(written)
  })

  it('records case, parties (inserts and the update in input order), links and event, in that order', async () => {
    const { second, wangFangId } = await registerMixed()
    const audit = await app.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'summary'])
      .where('action', '=', 'cases.register')
      .where('case_id', '=', second.id)
      .orderBy('chain_seq')
      .execute()
    const changes = await app.ctx.db
      .selectFrom('change_log')
      .select(['entity', 'entity_id', 'operation'])
      .orderBy('seq', 'desc')
      .limit(audit.length)
      .execute()
    const partyIds = second.parties.map((p) => p.id)
    const links = await app.ctx.db
      .selectFrom('case_parties')
      .select('id')
      .where('case_id', '=', second.id)
      .orderBy('sort_order')
      .execute()
    const expected = [
      ['cases', second.id, 'insert'],
      ['parties', partyIds[0], 'insert'],
      ['parties', wangFangId, 'update'],
      ['parties', partyIds[2], 'insert'],
      ['parties', partyIds[3], 'insert'],
      ...links.map((l) => ['case_parties', l.id, 'insert']),
      ['case_events', second.events[0].id, 'insert']
    ]
    expect(audit.map((a) => [a.entity, a.entity_id])).toEqual(expected.map(([entity, id]) => [entity, id]))
    expect(changes.reverse().map((c) => [c.entity, c.entity_id, c.operation])).toEqual(expected)
    expect(partyIds[1]).toBe(wangFangId)
    expect(second.parties[3].actsForPartyId).toBe(partyIds[0])
  })

  it('audits the case row as stored, with the seq the insert took', async () => {
    const { first, second } = await registerMixed()
    expect(second.seq).toBe(first.seq + 1)
    const stored = await app.ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', second.id)
      .executeTakeFirstOrThrow()
    const { summary } = await app.ctx.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'cases')
      .where('entity_id', '=', second.id)
      .executeTakeFirstOrThrow()
    // Same keys in the same order as the table's columns, and the same values.
    expect(Object.entries(JSON.parse(summary).after)).toEqual(Object.entries(stored))
  })
})
