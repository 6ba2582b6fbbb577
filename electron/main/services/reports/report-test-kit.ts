/*
 * What the report tests share: cases brought to an outcome through the real
 * services, patrol reports (no patrol screen writes them yet: one audited
 * write stands in), and the independent count — every figure of the report
 * recounted straight from the raw tables with SQL written here, apart from
 * the report's own queries (China dates by SQLite's date(…, '+8 hours'),
 * channels and organisation kinds by CASE expressions), to compare against.
 */
import { sql, type Kysely } from 'kysely'
import { createAgreementSchema } from '../../../../shared/domain/lifecycle-input'
import type { ReportFigures } from '../../../../shared/domain/report'
import { uuidv7 } from '../../../../shared/uuid'
import type { Database } from '../../db/schema'
import type { RunningApp } from '../../startup'
import { writtenAgreement } from '../../../../tests/support/lifecycle-fixtures'
import { services } from '../index'
import { writeChange } from '../write'

/** An accepted case through mediation to a written agreement effective on `on`; returns its term ids. */
/** Start mediation unless it has begun (seeded cases may stand at either step). */
async function mediating(app: RunningApp, caseId: string): Promise<void> {
  const { status } = await app.ctx.db
    .selectFrom('cases')
    .select('status')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  if (status === 'accepted') await services['cases.startMediation'](app.ctx, { caseId })
}

export async function reachAgreement(
  app: RunningApp,
  caseId: string,
  on: string,
  amountCents: number
): Promise<string[]> {
  await mediating(app, caseId)
  const lifecycle = await services['agreements.create'](
    app.ctx,
    createAgreementSchema.parse(
      writtenAgreement(caseId, {
        signedOn: on,
        effectiveOn: on,
        amountCents,
        copies: 8,
        performanceDeadline: '2026-12-31',
        terms: [
          { content: '被申请人拆除占用部分，恢复原状。', amountCents: null, dueOn: '2026-12-31' },
          { content: '被申请人支付清淤及损失费用。', amountCents, dueOn: '2026-12-31' }
        ]
      })
    )
  )
  return lifecycle.agreement!.terms.map((t) => t.id)
}

export async function failMediation(app: RunningApp, caseId: string, on: string): Promise<void> {
  await mediating(app, caseId)
  await services['cases.fail'](app.ctx, { caseId, reason: '双方分歧较大，调解不成', routes: ['court'], notifiedOn: on })
}

export async function confirm(
  app: RunningApp,
  caseId: string,
  ruledOn: string,
  ruling: 'confirmed' | 'rejected'
): Promise<void> {
  const lifecycle = await services['confirmations.apply'](app.ctx, {
    caseId,
    appliedOn: ruledOn,
    court: '温州市瓯海区人民法院',
    jointly: true,
    note: null
  })
  const confirmationId = lifecycle.confirmations.at(-1)!.id
  await services['confirmations.recordRuling'](app.ctx, {
    confirmationId,
    acceptedOn: ruledOn,
    ruling,
    ruledOn,
    rulingNumber: `（2026）浙0304民特${caseId.slice(-4)}号`,
    note: null
  })
}

export async function addPatrol(app: RunningApp, officeId: string, at: string, found: number): Promise<void> {
  await writeChange(app.ctx, 'test.addPatrol', async (trx, record) => {
    const row = {
      id: uuidv7(),
      office_id: officeId,
      grid_code: '330304001001',
      reporter_name: '网格员陈晓',
      reporter_phone: null,
      patrolled_at: at,
      place: '南堡村',
      findings: found > 0 ? '发现邻里纠纷' : '未发现纠纷',
      disputes_found: found,
      parties: '[]',
      handling: found > 0 ? ('passed_on' as const) : ('none' as const),
      handling_note: null,
      case_id: null,
      created_by: app.ctx.actor.id,
      created_at: '2026-11-01T00:00:00.000Z',
      updated_at: '2026-11-01T00:00:00.000Z',
      version: 1
    }
    await trx.insertInto('patrol_reports').values(row).execute()
    record({ entity: 'patrol_reports', entityId: row.id, operation: 'insert', version: 1, after: row })
  })
}

/** A report row flattened to field → number, the shape both sides of the comparison take. */
export type Flat = Record<string, number>

export function flatten(f: ReportFigures): Flat {
  const out: Flat = {
    accepted: f.accepted,
    succeeded: f.succeeded,
    failed: f.failed,
    amount: f.agreementAmountCents,
    performed: f.performed,
    confirmed: f.judiciallyConfirmed,
    patrols: f.patrols,
    found: f.disputesFound
  }
  const put = (key: string, n: number) => {
    if (n !== 0) out[key] = n
  }
  for (const [code, v] of Object.entries(f.byType)) {
    put(`type.${code}.accepted`, v.accepted)
    put(`type.${code}.succeeded`, v.succeeded)
  }
  for (const [g, v] of Object.entries(f.bySource)) {
    put(`source.${g}.accepted`, v.accepted)
    put(`source.${g}.succeeded`, v.succeeded)
  }
  for (const [g, v] of Object.entries(f.byOrg)) {
    put(`org.${g}.accepted`, v.accepted)
    put(`org.${g}.succeeded`, v.succeeded)
  }
  for (const [p, v] of Object.entries(f.prevented)) {
    put(`prevented.${p}_cases`, v.cases)
    put(`prevented.${p}_persons`, v.persons)
  }
  return out
}

const CHANNEL = sql`case
  when c.source in ('patrol', 'grid_report') then 'initiative'
  when c.source in ('court', 'police', 'petition', 'procuratorate', 'womens_fed', 'government') then 'transferred'
  else 'application' end`
const ORG = sql`case o.kind
  when 'village_committee' then 'village'
  when 'industry_committee' then 'industry'
  when 'chamber_center' then 'chamber'
  when 'chamber_of_commerce' then 'chamber'
  else 'town_street' end`

/** Every figure per office, recounted from the raw tables. */
export async function independentCounts(
  db: Kysely<Database>,
  from: string,
  to: string,
  months: string[]
): Promise<Map<string, Flat>> {
  const out = new Map<string, Flat>()
  const add = (office: string, key: string, n: number) => {
    if (Number(n) === 0) return
    const flat = out.get(office) ?? {
      accepted: 0,
      succeeded: 0,
      failed: 0,
      amount: 0,
      performed: 0,
      confirmed: 0,
      patrols: 0,
      found: 0
    }
    flat[key] = (flat[key] ?? 0) + Number(n)
    out.set(office, flat)
  }
  type Row = { office: string; key: string; n: number }
  const run = async (query: ReturnType<typeof sql<Row>>) => {
    for (const r of (await query.execute(db)).rows) add(r.office, r.key, r.n)
  }
  const acceptedIn = sql`date(c.accepted_at, '+8 hours') between ${from} and ${to}`
  const agreedIn = sql`exists (select 1 from agreements a where a.case_id = c.id and a.effective_on between ${from} and ${to})`
  await run(
    sql<Row>`select c.handling_office_id as office, 'accepted' as key, count(*) as n from cases c where ${acceptedIn} group by 1`
  )
  await run(sql<Row>`select c.handling_office_id as office, 'type.' || c.dispute_type || '.accepted' as key, count(*) as n
    from cases c where ${acceptedIn} group by 1, 2`)
  await run(sql<Row>`select c.handling_office_id as office, 'source.' || ${CHANNEL} || '.accepted' as key, count(*) as n
    from cases c where ${acceptedIn} group by 1, 2`)
  await run(sql<Row>`select c.handling_office_id as office, 'org.' || ${ORG} || '.accepted' as key, count(*) as n
    from cases c join offices o on o.id = c.handling_office_id where ${acceptedIn} group by 1, 2`)
  await run(
    sql<Row>`select c.handling_office_id as office, 'succeeded' as key, count(*) as n from cases c where ${agreedIn} group by 1`
  )
  await run(sql<Row>`select c.handling_office_id as office, 'type.' || c.dispute_type || '.succeeded' as key, count(*) as n
    from cases c where ${agreedIn} group by 1, 2`)
  await run(sql<Row>`select c.handling_office_id as office, 'source.' || ${CHANNEL} || '.succeeded' as key, count(*) as n
    from cases c where ${agreedIn} group by 1, 2`)
  await run(sql<Row>`select c.handling_office_id as office, 'org.' || ${ORG} || '.succeeded' as key, count(*) as n
    from cases c join offices o on o.id = c.handling_office_id where ${agreedIn} group by 1, 2`)
  await run(sql<Row>`select c.handling_office_id as office, 'amount' as key, a.amount_cents as n
    from agreements a join cases c on c.id = a.case_id where a.effective_on between ${from} and ${to}`)
  await run(sql<Row>`select c.handling_office_id as office, 'failed' as key, count(*) as n
    from terminations t join cases c on c.id = t.case_id
    where t.kind = 'failed' and t.ended_on between ${from} and ${to} group by 1`)
  // Performed: no term left open, and the last one performed in the period.
  await run(sql<Row>`select c.handling_office_id as office, 'performed' as key, count(*) as n
    from agreements a join cases c on c.id = a.case_id
    where not exists (select 1 from agreement_terms t where t.agreement_id = a.id and t.performed_on is null)
      and exists (select 1 from agreement_terms t where t.agreement_id = a.id)
      and (select max(t.performed_on) from agreement_terms t where t.agreement_id = a.id) between ${from} and ${to}
    group by 1`)
  await run(sql<Row>`select c.handling_office_id as office, 'confirmed' as key, count(*) as n
    from judicial_confirmations j join cases c on c.id = j.case_id
    where j.ruling = 'confirmed' and j.ruled_on between ${from} and ${to} group by 1`)
  await run(sql<Row>`select office_id as office, 'patrols' as key, count(*) as n from patrol_reports
    where substr(patrolled_at, 1, 10) between ${from} and ${to} group by 1`)
  await run(sql<Row>`select office_id as office, 'found' as key, sum(disputes_found) as n from patrol_reports
    where substr(patrolled_at, 1, 10) between ${from} and ${to} group by 1`)
  await run(sql<Row>`select office_id as office, 'prevented.' || field as key, sum(value) as n from report_figures
    where month in (${sql.join(months)}) group by 1, 2`)
  return out
}

export function sumFlats(flats: Iterable<Flat>): Flat {
  const total: Flat = {
    accepted: 0,
    succeeded: 0,
    failed: 0,
    amount: 0,
    performed: 0,
    confirmed: 0,
    patrols: 0,
    found: 0
  }
  for (const f of flats) for (const [k, v] of Object.entries(f)) total[k] = (total[k] ?? 0) + v
  return total
}
