/*
 * The sessions a clash check reads: those that share a person, a party or
 * the room with the candidate. Each is found from the person's side: the
 * (mediator, start), (party key, start) and (room, start) indexes give the
 * few sessions of that person, party or room in the time range, however many
 * sessions the day holds in all (the start beside each person and party is
 * kept by the store's triggers, migration 2026_12_05_5000). The candidate's
 * own day is read whole (label, room, people and parties, for the messages)
 * in one statement; the days after, for free slots, only as times.
 */
import { sql, type Kysely } from 'kysely'
import { BOOKED_STATUSES, HEARING_KIND_LABELS } from '../../../../shared/domain/hearing'
import type { BookedSession, CandidateSession, Slot } from '../../../../shared/rules/hearing-clash'
import type { Database } from '../../db/schema'
import type { Trx } from '../write'
import { caseLabel } from './hearing-store'

type Db = Kysely<Database> | Trx

/** The sessions in [from, toExclusive) of any of these people (mediator ids) or parties (party keys). */
function linkedSessions(
  db: Db,
  link: 'hearing_mediators' | 'hearing_parties',
  keys: string[],
  from: string,
  toExclusive: string
) {
  return db
    .selectFrom(link)
    .select('hearing_id as id')
    .where(sql.ref(link === 'hearing_mediators' ? 'mediator_id' : 'party_key'), 'in', keys)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', toExclusive)
}

/** Booked sessions in [from, toExclusive) that share the room, a person or a party with the candidate. */
function sharingQuery(db: Db, candidate: CandidateSession, from: string, toExclusive: string) {
  const personIds = [...candidate.mediators, ...candidate.experts].map((p) => p.id)
  const partyKeys = candidate.parties.map((p) => p.id)
  const sources = [
    ...(personIds.length ? [linkedSessions(db, 'hearing_mediators', personIds, from, toExclusive)] : []),
    ...(partyKeys.length ? [linkedSessions(db, 'hearing_parties', partyKeys, from, toExclusive)] : []),
    ...(candidate.roomId
      ? [
          db
            .selectFrom('hearings')
            .select('hearings.id')
            .where('hearings.room_id', '=', candidate.roomId)
            .where('hearings.starts_at', '>=', from)
            .where('hearings.starts_at', '<', toExclusive)
        ]
      : [])
  ]
  const [first, ...rest] = sources
  // Nothing to share (no person, party or room): no session can clash.
  const shared = first ? rest.reduce((union, next) => union.union(next), first) : null
  return db
    .selectFrom('hearings')
    .where((eb) => (shared ? eb('hearings.id', 'in', shared) : eb.lit(false)))
    .where('hearings.status', 'in', [...BOOKED_STATUSES])
    .$if(candidate.id !== undefined, (q) => q.where('hearings.id', '!=', candidate.id!))
}

/** A JSON array of [id, name] pairs, read back. */
function pairs(json: string | null): Array<{ id: string; name: string }> {
  return (JSON.parse(json ?? '[]') as Array<[string, string]>).map(([id, name]) => ({ id, name }))
}

/**
 * The sessions of the candidate's day that share something with it, each
 * with what a clash message names: the case, the room, its people and its
 * parties (collected per session in SQL, so one statement answers).
 */
export async function sessionsOnDay(db: Db, candidate: CandidateSession, date: string, nextDate: string) {
  const rows = await sharingQuery(db, candidate, date, nextDate)
    .innerJoin('cases', 'cases.id', 'hearings.case_id')
    .leftJoin('rooms', 'rooms.id', 'hearings.room_id')
    .select((eb) => [
      'hearings.id',
      'hearings.kind',
      'hearings.starts_at',
      'hearings.ends_at',
      'hearings.room_id',
      'rooms.name as room_name',
      'cases.case_number',
      'cases.seq',
      eb
        .selectFrom('hearing_mediators')
        .innerJoin('mediators', 'mediators.id', 'hearing_mediators.mediator_id')
        .whereRef('hearing_mediators.hearing_id', '=', 'hearings.id')
        .select(
          sql<string>`json_group_array(json_array(${sql.ref('mediators.id')}, ${sql.ref('mediators.name')}))`.as('p')
        )
        .as('people'),
      eb
        .selectFrom('hearing_parties')
        .innerJoin('parties', 'parties.id', 'hearing_parties.party_id')
        .whereRef('hearing_parties.hearing_id', '=', 'hearings.id')
        .select(
          sql<string>`json_group_array(json_array(${sql.ref('hearing_parties.party_key')}, ${sql.ref('parties.name')}))`.as(
            'p'
          )
        )
        .as('parties')
    ])
    .orderBy('hearings.starts_at')
    .orderBy('hearings.id')
    .execute()
  return rows.map((r): BookedSession => ({
    id: r.id,
    label: `${caseLabel(r.case_number, r.seq)} 的${HEARING_KIND_LABELS[r.kind]}`,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    roomId: r.room_id,
    roomName: r.room_name,
    people: pairs(r.people),
    parties: pairs(r.parties)
  }))
}

/** The times of the sessions in [from, toExclusive) that share something with the candidate: what free slots avoid. */
export async function busySlots(
  db: Db,
  candidate: CandidateSession,
  from: string,
  toExclusive: string
): Promise<Slot[]> {
  const rows = await sharingQuery(db, candidate, from, toExclusive)
    .select(['hearings.starts_at', 'hearings.ends_at'])
    .execute()
  return rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at }))
}
