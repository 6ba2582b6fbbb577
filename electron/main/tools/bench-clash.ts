/*
 * The hearing clash check of DESIGN §7 (p95 ≤ 5 ms), timed through the
 * handler table's `hearings.check` — what the form calls as the user types —
 * for drafts in the coming 60 days (a session is planned ahead, and then the
 * free-slot search runs too), against the generator's own sessions plus a
 * year of 20,000 written here (tagged 【基准测试】, like the intake
 * benchmark's cases) for 40 mediators and the parties of 2,000 cases.
 */
import { sql } from 'kysely'
import { uuidv7 } from '../../../shared/uuid'
import type { AppContext } from '../context'
import type { HandlerTable } from '../ipc/register'
import { partyKey } from '../services/hearings/hearing-plan'
import type { Rng } from './seed-random'

/** Sessions a year written for the benchmark: a hub's year across the district. */
export const CLASH_SESSIONS = 20_000
const TAG = '【基准测试】'

interface Fixture {
  cases: Array<{ id: string; officeId: string; partyIds: string[] }>
  mediatorIds: string[]
}

async function fixture(ctx: AppContext): Promise<Fixture | null> {
  const rows = await ctx.db
    .selectFrom('cases')
    .innerJoin('case_parties', 'case_parties.case_id', 'cases.id')
    .innerJoin('parties', 'parties.id', 'case_parties.party_id')
    .select([
      'cases.id',
      'cases.handling_office_id',
      'parties.id as party_id',
      'parties.id_number',
      'parties.credit_code'
    ])
    .where('cases.status', 'in', ['accepted', 'in_mediation'])
    .orderBy('cases.seq', 'desc')
    .limit(6000)
    .execute()
  const byCase = new Map<string, Fixture['cases'][number]>()
  for (const row of rows) {
    const entry = byCase.get(row.id) ?? { id: row.id, officeId: row.handling_office_id, partyIds: [] }
    entry.partyIds.push(row.party_id)
    byCase.set(row.id, entry)
  }
  const mediators = await ctx.db.selectFrom('mediators').select('id').where('status', '=', 'active').limit(40).execute()
  if (byCase.size === 0 || mediators.length === 0) return null
  return { cases: [...byCase.values()].slice(0, 2000), mediatorIds: mediators.map((m) => m.id) }
}

/** A session on one of `days` days from `from` (China dates), starting on the half hour between 08:30 and 16:30. */
function slot(rng: Rng, from: Date, days: number): { startsAt: string; endsAt: string } {
  const day = new Date(from.getTime() + rng.int(days) * 86_400_000).toISOString().slice(0, 10)
  const hour = 8 + rng.int(9)
  const pad = (n: number) => String(n).padStart(2, '0')
  return { startsAt: `${day}T${pad(hour)}:30`, endsAt: `${day}T${pad(hour + 1)}:15` }
}

const DAY_MS = 86_400_000

/** A year of sessions, written once per store, directly: this benchmark measures reading, not writing. */
async function ensureSessions(ctx: AppContext, data: Fixture, rng: Rng, wanted: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from hearings where purpose like ${TAG + '%'}`.execute(
    ctx.db
  )
  if (Number(rows[0].n) >= wanted) return Number(rows[0].n)
  const partyRows = await ctx.db
    .selectFrom('parties')
    .select(['id', 'id_number', 'credit_code'])
    .where(
      'id',
      'in',
      data.cases.flatMap((c) => c.partyIds)
    )
    .execute()
  const keyOf = new Map(partyRows.map((p) => [p.id, partyKey(p)]))
  const now = new Date().toISOString()
  const tracked = { created_at: now, updated_at: now, version: 1 }
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < wanted; i++) {
      const theCase = data.cases[i % data.cases.length]
      const id = uuidv7()
      // The year around today: 300 days back, 65 ahead, so the weeks a new session is planned in are booked.
      const { startsAt, endsAt } = slot(rng, new Date(ctx.clock.now().getTime() - 300 * DAY_MS), 365)
      await trx
        .insertInto('hearings')
        .values({
          id,
          case_id: theCase.id,
          office_id: theCase.officeId,
          kind: 'mediation',
          starts_at: startsAt,
          ends_at: endsAt,
          place_kind: 'onsite',
          room_id: null,
          address: '现场',
          video_link: null,
          purpose: `${TAG}调解`,
          bring: '[]',
          status: 'scheduled',
          status_reason: null,
          record_id: null,
          held_note: null,
          ...tracked
        })
        .execute()
      await trx
        .insertInto('hearing_mediators')
        .values({ id: uuidv7(), hearing_id: id, mediator_id: rng.pick(data.mediatorIds), role: 'lead', ...tracked })
        .execute()
      for (const partyId of theCase.partyIds) {
        await trx
          .insertInto('hearing_parties')
          .values({
            id: uuidv7(),
            hearing_id: id,
            party_id: partyId,
            party_key: keyOf.get(partyId)!,
            notified_at: null,
            notified_how: null,
            notified_note: null,
            ...tracked
          })
          .execute()
      }
    }
  })
  return wanted
}

/** Times of `hearings.check` for random sessions of random cases and mediators, after `warmup` untimed calls. */
export async function timeClashCheck(
  ctx: AppContext,
  handlers: HandlerTable,
  rng: Rng,
  samples: number,
  warmup: number,
  sessions = CLASH_SESSIONS
): Promise<{ times: number[]; sessions: number } | null> {
  const data = await fixture(ctx)
  if (!data) return null
  const written = await ensureSessions(ctx, data, rng, sessions)
  // A session is planned ahead: drafts fall in the 60 days from tomorrow, as a mediator schedules them.
  const tomorrow = new Date(ctx.clock.now().getTime() + DAY_MS)
  const times: number[] = []
  for (let i = 0; i < warmup + samples; i++) {
    const theCase = rng.pick(data.cases)
    const input = {
      caseId: theCase.id,
      ...slot(rng, tomorrow, 60),
      placeKind: 'onsite',
      address: '现场',
      leadMediatorId: rng.pick(data.mediatorIds),
      partyIds: theCase.partyIds,
      purpose: '调解'
    }
    const started = performance.now()
    const result = await handlers['hearings.check'](input)
    const elapsed = performance.now() - started
    if (!result.ok) throw new Error(`hearings.check 失败：${result.error.message}`)
    if (i >= warmup) times.push(elapsed)
  }
  return { times, sessions: written }
}
