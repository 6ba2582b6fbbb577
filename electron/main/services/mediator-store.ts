/*
 * Reading and writing roster entries as whole records: the mediator row and
 * its child rows (offices, specialties, chambers, credentials, declared
 * conflicts, leave). The child rows belong to the entry; a save replaces them
 * together, and the audit row keeps the record before and after.
 */
import type { Kysely } from 'kysely'
import type { Mediator, MediatorRecord } from '../../../shared/domain/mediator'
import { uuidv7 } from '../../../shared/uuid'
import type { Database } from '../db/schema'
import type { RecordChange, Trx } from './write'

/** Case statuses in which a mediator is still at work on a case. */
export const OPEN_CASE_STATUSES = ['registered', 'accepted', 'in_mediation', 'agreement', 'follow_up'] as const

const CHILD_TABLES = [
  'mediator_offices',
  'mediator_specialties',
  'mediator_chambers',
  'mediator_credentials',
  'mediator_conflicts',
  'mediator_leaves'
] as const

/** Every roster entry (or those named), whole, with its open-case count. */
export async function loadMediators(db: Kysely<Database> | Trx, ids?: string[]): Promise<Map<string, Mediator>> {
  if (ids && ids.length === 0) return new Map()
  let base = db.selectFrom('mediators').selectAll().orderBy('kind').orderBy('name')
  if (ids) base = base.where('id', 'in', ids)
  const rows = await base.execute()
  // With ids, every child query is narrowed in SQL (indexed by mediator_id), so one save stays O(1) in roster size.
  const owners = ids ?? null

  const offices = await db
    .selectFrom('mediator_offices')
    .innerJoin('offices', 'offices.id', 'mediator_offices.office_id')
    .select(['mediator_offices.mediator_id', 'offices.code'])
    .$if(owners !== null, (q) => q.where('mediator_offices.mediator_id', 'in', owners!))
    .orderBy('offices.sort_order')
    .execute()
  const specialties = await db
    .selectFrom('mediator_specialties')
    .select(['mediator_id', 'dispute_type'])
    .$if(owners !== null, (q) => q.where('mediator_id', 'in', owners!))
    .orderBy('id')
    .execute()
  const chambers = await db
    .selectFrom('mediator_chambers')
    .innerJoin('chambers', 'chambers.id', 'mediator_chambers.chamber_id')
    .select(['mediator_chambers.mediator_id', 'chambers.name'])
    .$if(owners !== null, (q) => q.where('mediator_chambers.mediator_id', 'in', owners!))
    .orderBy('mediator_chambers.id')
    .execute()
  const credentials = await db
    .selectFrom('mediator_credentials')
    .selectAll()
    .$if(owners !== null, (q) => q.where('mediator_id', 'in', owners!))
    .orderBy('id')
    .execute()
  const conflicts = await db
    .selectFrom('mediator_conflicts')
    .selectAll()
    .$if(owners !== null, (q) => q.where('mediator_id', 'in', owners!))
    .orderBy('id')
    .execute()
  const leaves = await db
    .selectFrom('mediator_leaves')
    .selectAll()
    .$if(owners !== null, (q) => q.where('mediator_id', 'in', owners!))
    .orderBy('id')
    .execute()
  const open = await db
    .selectFrom('assignments')
    .innerJoin('cases', 'cases.id', 'assignments.case_id')
    .select(['assignments.mediator_id', (eb) => eb.fn.count<number>('assignments.case_id').distinct().as('n')])
    .where('assignments.status', '=', 'active')
    .where('assignments.role', 'in', ['lead', 'assistant'])
    .$if(owners !== null, (q) => q.where('assignments.mediator_id', 'in', owners!))
    .where('cases.status', 'in', [...OPEN_CASE_STATUSES])
    .groupBy('assignments.mediator_id')
    .execute()
  const openBy = new Map(open.map((o) => [o.mediator_id, Number(o.n)]))

  const byOwner = <T extends { mediator_id: string }, R>(list: T[], map: (row: T) => R) => {
    const grouped = new Map<string, R[]>()
    for (const row of list) grouped.set(row.mediator_id, [...(grouped.get(row.mediator_id) ?? []), map(row)])
    return (id: string) => grouped.get(id) ?? []
  }
  const officeOf = byOwner(offices, (r) => r.code)
  const specialtyOf = byOwner(specialties, (r) => r.dispute_type)
  const chamberOf = byOwner(chambers, (r) => r.name)
  const credentialOf = byOwner(credentials, (r) => ({
    type: r.type as MediatorRecord['credentials'][number]['type'],
    number: r.number,
    issuer: r.issuer,
    validUntil: r.valid_until
  }))
  const conflictOf = byOwner(conflicts, (r) => ({
    name: r.name,
    idNumber: r.id_number,
    creditCode: r.credit_code,
    relation: r.relation as MediatorRecord['conflicts'][number]['relation'],
    note: r.note
  }))
  const leaveOf = byOwner(leaves, (r) => ({ from: r.from_date, to: r.to_date, reason: r.reason }))

  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        version: row.version,
        openCases: openBy.get(row.id) ?? 0,
        kind: row.kind,
        name: row.name,
        gender: row.gender,
        idNumber: row.id_number,
        phone: row.phone,
        profession: row.profession as MediatorRecord['profession'],
        status: row.status,
        capacity: row.capacity,
        officeCodes: officeOf(row.id),
        specialties: specialtyOf(row.id),
        chambers: chamberOf(row.id),
        credentials: credentialOf(row.id),
        conflicts: conflictOf(row.id),
        leaves: leaveOf(row.id),
        note: row.note
      }
    ])
  )
}

/** Strip what is not part of the record itself, for audit before/after. */
export function recordOf(mediator: Mediator): MediatorRecord {
  const { id: _id, version: _version, openCases: _open, ...record } = mediator
  return record
}

/**
 * Insert or replace one entry inside the caller's transaction. Offices and
 * chambers arrive resolved to ids (the caller checked they exist).
 */
export async function writeMediator(
  trx: Trx,
  record: RecordChange,
  input: {
    id: string | null
    data: MediatorRecord
    officeIds: string[]
    chamberIds: string[]
    before: Mediator | null
  },
  now: string
): Promise<string> {
  const { data } = input
  const columns = {
    kind: data.kind,
    name: data.name,
    gender: data.gender,
    id_number: data.idNumber,
    phone: data.phone,
    profession: data.profession,
    status: data.status,
    capacity: data.capacity,
    note: data.note
  }
  let id: string
  let version: number
  if (input.before) {
    id = input.before.id
    version = input.before.version + 1
    await trx
      .updateTable('mediators')
      .set({ ...columns, updated_at: now, version })
      .where('id', '=', id)
      .execute()
    for (const table of CHILD_TABLES) await trx.deleteFrom(table).where('mediator_id', '=', id).execute()
  } else {
    id = input.id ?? uuidv7()
    version = 1
    await trx
      .insertInto('mediators')
      .values({ id, ...columns, created_at: now, updated_at: now, version })
      .execute()
  }
  const tracked = { mediator_id: id, created_at: now, updated_at: now, version: 1 }
  for (const officeId of input.officeIds) {
    await trx
      .insertInto('mediator_offices')
      .values({ id: uuidv7(), office_id: officeId, ...tracked })
      .execute()
  }
  for (const code of data.specialties) {
    await trx
      .insertInto('mediator_specialties')
      .values({ id: uuidv7(), dispute_type: code, ...tracked })
      .execute()
  }
  for (const chamberId of input.chamberIds) {
    await trx
      .insertInto('mediator_chambers')
      .values({ id: uuidv7(), chamber_id: chamberId, ...tracked })
      .execute()
  }
  for (const c of data.credentials) {
    await trx
      .insertInto('mediator_credentials')
      .values({ id: uuidv7(), type: c.type, number: c.number, issuer: c.issuer, valid_until: c.validUntil, ...tracked })
      .execute()
  }
  for (const c of data.conflicts) {
    await trx
      .insertInto('mediator_conflicts')
      .values({
        id: uuidv7(),
        name: c.name,
        id_number: c.idNumber,
        credit_code: c.creditCode,
        relation: c.relation,
        note: c.note,
        ...tracked
      })
      .execute()
  }
  for (const l of data.leaves) {
    await trx
      .insertInto('mediator_leaves')
      .values({ id: uuidv7(), from_date: l.from, to_date: l.to, reason: l.reason, ...tracked })
      .execute()
  }
  record({
    entity: 'mediators',
    entityId: id,
    operation: input.before ? 'update' : 'insert',
    version,
    before: input.before ? { ...recordOf(input.before) } : null,
    after: { ...data }
  })
  return id
}
