/*
 * The sessions a clash check reads: those that share a person, a party or
 * the room with the candidate. The candidate's own day is read whole (label,
 * room, people and parties, for the messages) in one statement; the days
 * after, for free slots, only as times. Both walk the day range of the
 * covering index hearings_clash (starts_at, status, id, ends_at, room_id)
 * and test each session through the (hearing, mediator) and (party key,
 * hearing) indexes, so a session that shares nothing costs no table read.
 */
import { sql, type Kysely } from 'kysely'
import { BOOKED_STATUSES, HEARING_KIND_LABELS } from '../../../../shared/domain/hearing'
import type { BookedSession, CandidateSession, Slot } from '../../../../shared/rules/hearing-clash'
import type { Database } from '../../db/schema'
import type { Trx } from '../write'
import { caseLabel } from './hearing-store'

type Db = Kysely<Database> | Trx

/** Booked sessions in [from, toExclusive) that share the room, a person or a party with the candidate. */
function sharingQuery(db: Db, candidate: CandidateSession, from: string, toExclusive: string) {
  const personIds = [...candidate.mediators, ...candidate.experts].map((p) => p.id)
  const partyKeys = candidate.parties.map((p) => p.id)
  return db
    .selectFrom('hearings')
    .where('hearings.starts_at', '>=', from)
    .where('hearings.starts_at', '<', toExclusive)
    .where('hearings.status', 'in', [...BOOKED_STATUSES])
    .$if(candidate.id !== undefined, (q) => q.where('hearings.id', '!=', candidate.id!))
    .where((eb) =>
      eb.or([
        ...(candidate.roomId ? [eb('hearings.room_id', '=', candidate.roomId)] : []),
        // Correlated EXISTS, not IN: the day's range on starts_at drives the search, and each session is
        // checked through the (hearing, person) indexes, however many sessions a busy mediator has in all.
        ...(personIds.length
          ? [
              eb.exists(
                eb
                  .selectFrom('hearing_mediators')
                  .select((eb) => eb.lit(1).as('one'))
                  .whereRef('hearing_mediators.hearing_id', '=', 'hearings.id')
                  .where('hearing_mediators.mediator_id', 'in', personIds)
              )
            ]
          : []),
        ...(partyKeys.length
          ? [
              eb.exists(
                eb
                  .selectFrom('hearing_parties')
                  .select((eb) => eb.lit(1).as('one'))
                  .whereRef('hearing_parties.hearing_id', '=', 'hearings.id')
                  .where('hearing_parties.party_key', 'in', partyKeys)
              )
            ]
          : [])
      ])
    )
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
  // The sessions are found by id first: that subquery reads the covering index alone, and only the few
  // found are read whole (asked in one pass, the planner walked the range through the table).
  const rows = await db
    .selectFrom('hearings')
    .where('hearings.id', 'in', sharingQuery(db, candidate, date, nextDate).select('hearings.id'))
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
