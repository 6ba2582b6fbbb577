/* Reading hearings: whole records for a case or one session, summaries for the calendar. */
import type { Kysely } from 'kysely'
import {
  HEARING_KIND_LABELS,
  type Hearing,
  type HearingSummary,
  type NotifyMethod,
  type PlaceKind
} from '../../../../shared/domain/hearing'
import { PARTY_ROLE_LABELS, type PartyRole } from '../../../../shared/domain/party'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { addCalendarDays } from '../../../../shared/rules/working-days'
import { maskPhone } from '../../../../shared/rules/masking'
import type { AppContext } from '../../context'
import type { Database } from '../../db/schema'
import { notFound } from '../../errors'
import type { Trx } from '../write'

type Db = Kysely<Database> | Trx

export function placeText(kind: PlaceKind, roomName: string | null, address: string | null, link: string | null) {
  if (kind === 'room') return roomName ?? '调解室'
  if (kind === 'onsite') return `现场：${address ?? ''}`
  return `视频：${link ?? ''}${roomName ? `（${roomName}）` : ''}`
}

export function caseLabel(caseNumber: string | null, seq: number): string {
  return caseNumber ?? `登记第${seq}号案件`
}

function baseQuery(db: Db) {
  return db
    .selectFrom('hearings')
    .innerJoin('cases', 'cases.id', 'hearings.case_id')
    .innerJoin('offices', 'offices.id', 'hearings.office_id')
    .leftJoin('rooms', 'rooms.id', 'hearings.room_id')
    .selectAll('hearings')
    .select(['cases.case_number', 'cases.seq', 'offices.name as office_name', 'rooms.name as room_name'])
}

export async function loadHearings(db: Db, ids: string[]): Promise<Hearing[]> {
  if (ids.length === 0) return []
  const rows = await baseQuery(db).where('hearings.id', 'in', ids).orderBy('hearings.starts_at').execute()
  const people = await db
    .selectFrom('hearing_mediators')
    .innerJoin('mediators', 'mediators.id', 'hearing_mediators.mediator_id')
    .select([
      'hearing_mediators.hearing_id',
      'hearing_mediators.mediator_id',
      'hearing_mediators.role',
      'mediators.name'
    ])
    .where('hearing_mediators.hearing_id', 'in', ids)
    .orderBy('hearing_mediators.id')
    .execute()
  const parties = await db
    .selectFrom('hearing_parties')
    .innerJoin('hearings', 'hearings.id', 'hearing_parties.hearing_id')
    .innerJoin('parties', 'parties.id', 'hearing_parties.party_id')
    .leftJoin('case_parties', (join) =>
      join.onRef('case_parties.party_id', '=', 'parties.id').onRef('case_parties.case_id', '=', 'hearings.case_id')
    )
    .select([
      'hearing_parties.hearing_id',
      'hearing_parties.party_id',
      'hearing_parties.notified_at',
      'hearing_parties.notified_how',
      'hearing_parties.notified_note',
      'parties.name',
      'parties.address',
      'parties.phone',
      'case_parties.role',
      'case_parties.sort_order'
    ])
    .where('hearing_parties.hearing_id', 'in', ids)
    .orderBy('case_parties.sort_order')
    .execute()
  const roleOrder = { lead: 0, assistant: 1, expert: 2 }
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    caseId: r.case_id,
    caseNumber: r.case_number,
    caseSeq: r.seq,
    officeId: r.office_id,
    officeName: r.office_name,
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    placeKind: r.place_kind,
    roomId: r.room_id,
    roomName: r.room_name,
    address: r.address,
    videoLink: r.video_link,
    placeText: placeText(r.place_kind, r.room_name, r.address, r.video_link),
    purpose: r.purpose,
    bring: JSON.parse(r.bring) as string[],
    status: r.status,
    statusReason: r.status_reason,
    recordId: r.record_id,
    heldNote: r.held_note,
    mediators: people
      .filter((p) => p.hearing_id === r.id)
      .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
      .map((p) => ({ mediatorId: p.mediator_id, name: p.name, role: p.role })),
    parties: parties
      .filter((p) => p.hearing_id === r.id)
      .map((p) => ({
        partyId: p.party_id,
        name: p.name,
        role: p.role ?? 'third_party',
        roleLabel: p.role ? PARTY_ROLE_LABELS[p.role as PartyRole] : '',
        address: p.address,
        maskedPhone: maskPhone(p.phone),
        notifiedAt: p.notified_at,
        notifiedHow: p.notified_how as NotifyMethod | null,
        notifiedNote: p.notified_note
      })),
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }))
}

export async function loadHearing(db: Db, id: string): Promise<Hearing> {
  const [hearing] = await loadHearings(db, [id])
  if (!hearing) throw notFound('调解会')
  return hearing
}

export async function getHearing(ctx: AppContext, input: ParsedInput<'hearings.get'>): Promise<Hearing> {
  return loadHearing(ctx.db, input.id)
}

export async function hearingsByCase(ctx: AppContext, input: ParsedInput<'hearings.byCase'>): Promise<Hearing[]> {
  const found = await ctx.db.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()
  if (!found) throw notFound('案件')
  const ids = await ctx.db.selectFrom('hearings').select('id').where('case_id', '=', input.caseId).execute()
  return loadHearings(
    ctx.db,
    ids.map((i) => i.id)
  )
}

export async function listHearings(ctx: AppContext, input: ParsedInput<'hearings.list'>): Promise<HearingSummary[]> {
  const rows = await baseQuery(ctx.db)
    .where('hearings.starts_at', '>=', input.from)
    .where('hearings.starts_at', '<', addCalendarDays(input.to, 1))
    .$if(!input.includeCancelled, (q) => q.where('hearings.status', '!=', 'cancelled'))
    .$if(input.officeId !== undefined, (q) => q.where('hearings.office_id', '=', input.officeId!))
    .$if(input.roomId !== undefined, (q) => q.where('hearings.room_id', '=', input.roomId!))
    .$if(input.mediatorId !== undefined, (q) =>
      q.where('hearings.id', 'in', (eb) =>
        eb.selectFrom('hearing_mediators').select('hearing_id').where('mediator_id', '=', input.mediatorId!)
      )
    )
    .orderBy('hearings.starts_at')
    .limit(2000)
    .execute()
  const ids = rows.map((r) => r.id)
  const names = ids.length
    ? await ctx.db
        .selectFrom('hearing_mediators')
        .innerJoin('mediators', 'mediators.id', 'hearing_mediators.mediator_id')
        .select(['hearing_mediators.hearing_id', 'mediators.name', 'hearing_mediators.role'])
        .where('hearing_mediators.hearing_id', 'in', ids)
        .execute()
    : []
  const partyNames = ids.length
    ? await ctx.db
        .selectFrom('hearing_parties')
        .innerJoin('parties', 'parties.id', 'hearing_parties.party_id')
        .select(['hearing_parties.hearing_id', 'parties.name'])
        .where('hearing_parties.hearing_id', 'in', ids)
        .execute()
    : []
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseLabel: `${caseLabel(r.case_number, r.seq)} ${HEARING_KIND_LABELS[r.kind]}`,
    officeId: r.office_id,
    kind: r.kind,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    placeKind: r.place_kind,
    placeText: placeText(r.place_kind, r.room_name, r.address, r.video_link),
    roomId: r.room_id,
    status: r.status,
    mediatorNames: names
      .filter((n) => n.hearing_id === r.id)
      .sort((a, b) => (a.role === 'lead' ? -1 : b.role === 'lead' ? 1 : 0))
      .map((n) => n.name),
    partyNames: partyNames.filter((n) => n.hearing_id === r.id).map((n) => n.name)
  }))
}
