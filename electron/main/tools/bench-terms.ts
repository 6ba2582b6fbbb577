/*
 * What the benchmark searches for, drawn from the store itself so every kind
 * of term is one a clerk would really type: a party's two-character name, the
 * first character of a name, 4–6 digits from inside an ID number, digits of a
 * phone, a whole case number, a common summary word (three or more
 * characters), a two-character word, and a term that finds nothing. The list
 * filters are office + status pairs of real cases, with a keyset cursor at a
 * random case for the deep page, and the lists the overviews link to (unassigned,
 * open and red, a mediator's, overdue) with a real office or mediator, and an office's
 * list with a type, "open", "overdue" or a real case's month; and a clerk's search, which always carries the office.
 * Deterministic from the seed.
 */
import { sql } from 'kysely'
import type { MethodInput } from '../../../shared/ipc-contract'
import type { AppContext } from '../context'
import { chinaDate } from '../../../shared/rules/china-time'
import { monthRange } from '../services/stats/counting'
import { Rng } from './seed-random'
import { COMMON_WORDS, SHORT_WORDS } from './seed-summaries'

export type ListInput = MethodInput<'cases.list'>

export interface BenchKind {
  key: string
  label: string
  target: 'search' | 'list'
  inputs: ListInput[]
}

/** Names that no generated party carries (司徒 is not among the generator's surnames). */
const MISSES = ['司徒雷鸣', '司徒晓风', '端木清扬', '上官婉容', '呼延守义', '皇甫嘉言']

async function partyAt(ctx: AppContext, rowid: number) {
  const { rows } = await sql<{ kind: string; name: string; id_number: string | null; phone: string | null }>`
    select kind, name, id_number, phone from parties where rowid = ${rowid}`.execute(ctx.db)
  return rows[0]
}

async function caseAt(ctx: AppContext, seq: number) {
  return ctx.db
    .selectFrom('cases')
    .select(['seq', 'case_number', 'handling_office_id', 'status', 'dispute_type', 'registered_at'])
    .where('seq', '=', seq)
    .executeTakeFirst()
}

async function mediatorAt(ctx: AppContext, rowid: number): Promise<string | null> {
  const { rows } = await sql<{ m: string }>`select mediator_id as m from assignments where rowid = ${rowid}`.execute(
    ctx.db
  )
  return rows[0]?.m ?? null
}

/** Draw `count` values with `draw`, which may return null for a sample that does not fit (bounded tries). */
async function collect<T>(count: number, draw: () => Promise<T | null>): Promise<T[]> {
  const out: T[] = []
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    const value = await draw()
    if (value !== null) out.push(value)
  }
  if (out.length === 0) throw new Error('数据库中找不到可用的检索样本（是否为空库？）')
  const found = out.length
  for (let i = 0; out.length < count; i++) out.push(out[i % found])
  return out
}

export async function sampleKinds(ctx: AppContext, rng: Rng, count: number): Promise<BenchKind[]> {
  const { rows } = await sql<{ parties: number; cases: number }>`
    select (select max(rowid) from parties) as parties, (select max(seq) from cases) as cases`.execute(ctx.db)
  const maxParty = Number(rows[0].parties ?? 0)
  const maxSeq = Number(rows[0].cases ?? 0)
  const randomParty = () => partyAt(ctx, 1 + rng.int(maxParty))
  const digitsOf = (text: string | null, minLength: number, maxLength: number): string | null => {
    if (!text) return null
    const digits = text.replace(/\D/g, '')
    const length = rng.between(minLength, maxLength)
    if (digits.length < length) return null
    const start = rng.int(digits.length - length + 1)
    return digits.slice(start, start + length)
  }

  const twoCharNames = await collect(count, async () => {
    const p = await randomParty()
    return p && p.kind === 'person' && [...p.name].length === 2 ? p.name : null
  })
  const firstChars = await collect(count, async () => {
    const p = await randomParty()
    return p && p.kind === 'person' ? String.fromCodePoint(p.name.codePointAt(0)!) : null
  })
  // 4–6 digits from inside the first 17 (the check character may be X).
  const idFragments = await collect(count, async () =>
    digitsOf((await randomParty())?.id_number?.slice(0, 17) ?? null, 4, 6)
  )
  // Clerks type the last four digits of a phone, or a run from its middle.
  const phoneFragments = await collect(count, async () => {
    const phone = (await randomParty())?.phone ?? null
    if (!phone) return null
    return rng.chance(0.5) ? phone.replace(/\D/g, '').slice(-4) : digitsOf(phone, 5, 7)
  })
  const caseNumbers = await collect(count, async () => (await caseAt(ctx, 1 + rng.int(maxSeq)))?.case_number ?? null)
  const filtered = await collect(count, async () => {
    const found = await caseAt(ctx, 1 + rng.int(maxSeq))
    return found ? { officeId: found.handling_office_id, status: found.status, cursor: String(found.seq) } : null
  })

  // The lists the overviews link to, each with a real office or a real mediator and either order.
  const { rows: counts } = await sql<{ assignments: number }>`
    select max(rowid) as assignments from assignments`.execute(ctx.db)
  const maxAssignment = Number(counts[0].assignments ?? 0)
  const overviewLinks = await collect(count, async () => {
    const found = await caseAt(ctx, 1 + rng.int(maxSeq))
    if (!found) return null
    const sort = rng.pick(['newest', 'oldest'] as const)
    const officeId = found.handling_office_id
    const mediator = maxAssignment === 0 ? null : await mediatorAt(ctx, 1 + rng.int(maxAssignment))
    const links: ListInput[] = [
      { unassigned: true, sort },
      { unassigned: true, officeId, sort },
      { unassigned: true, due: 'overdue', sort },
      { open: true, riskLevel: 'red', sort },
      { open: true, riskLevel: 'red', officeId, sort },
      { due: 'overdue', riskLevel: 'red', sort },
      ...(mediator
        ? [
            { mediatorId: mediator, open: true, sort },
            { mediatorId: mediator, sort }
          ]
        : [])
    ]
    return rng.pick(links)
  })

  // An office's list with what its users add to it: a type, "open", "overdue", the month a real case was registered in.
  const combined = await collect(count, async () => {
    const found = await caseAt(ctx, 1 + rng.int(maxSeq))
    if (!found) return null
    const sort = rng.pick(['newest', 'oldest'] as const)
    const { handling_office_id: officeId, dispute_type: disputeType } = found
    const { from, to } = monthRange(chinaDate(new Date(found.registered_at)).slice(0, 7))
    const combinations: ListInput[] = [
      { officeId, sort },
      { officeId, open: true, sort },
      { officeId, due: 'overdue', sort },
      { disputeType, due: 'overdue', sort },
      { officeId, disputeType, sort },
      { officeId, disputeType, open: true, sort },
      { officeId, registeredFrom: from, registeredTo: to, sort },
      { registeredFrom: from, registeredTo: to, sort }
    ]
    return rng.pick(combinations)
  })

  // A clerk's search: every search of an account of one office carries the office, sometimes "open" as well.
  const withinOffice = await collect(count, async () => {
    const found = await caseAt(ctx, 1 + rng.int(maxSeq))
    if (!found) return null
    const query = rng.pick([
      rng.pick(firstChars),
      rng.pick(twoCharNames),
      rng.pick(SHORT_WORDS),
      rng.pick(COMMON_WORDS),
      rng.pick(idFragments)
    ])
    const input: ListInput = { query, officeId: found.handling_office_id }
    return rng.chance(0.3) ? { ...input, open: true } : input
  })

  const pickAll = (words: readonly string[]) => Array.from({ length: count }, () => rng.pick(words))
  const search = (key: string, label: string, terms: string[]): BenchKind => ({
    key,
    label,
    target: 'search',
    inputs: terms.map((query) => ({ query }))
  })
  return [
    search('name2', '检索：两字姓名', twoCharNames),
    search('prefix1', '检索：姓名首字', firstChars),
    search('id', '检索：身份证号 4–6 位', idFragments),
    search('phone', '检索：电话号码片段', phoneFragments),
    search('number', '检索：案号', caseNumbers),
    search('word', '检索：常见词（≥3 字）', pickAll(COMMON_WORDS)),
    search('word2', '检索：两字词语', pickAll(SHORT_WORDS)),
    search('miss', '检索：查无结果', pickAll(MISSES)),
    {
      key: 'searchOffice',
      label: '检索：本组织内（姓名首字、两字姓名、词语、身份证号片段；部分加“在办”）',
      target: 'search',
      inputs: withinOffice
    },
    {
      key: 'list1',
      label: '列表：组织+状态，第 1 页',
      target: 'list',
      inputs: filtered.map(({ officeId, status }) => ({ officeId, status }) as ListInput)
    },
    {
      key: 'listDeep',
      label: '列表：组织+状态，深页（游标）',
      target: 'list',
      inputs: filtered.map((f) => ({ ...f }) as ListInput)
    },
    {
      key: 'listOverview',
      label: '列表：总览链接的筛选（待分派、在办红色风险、调解员在办、逾期），第 1 页',
      target: 'list',
      inputs: overviewLinks
    },
    {
      key: 'listCombined',
      label: '列表：组织与类型、在办、逾期、登记月份的组合，第 1 页',
      target: 'list',
      inputs: combined
    }
  ]
}
