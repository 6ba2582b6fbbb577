/*
 * Row types of the key-person register (重点人员), its log of level changes,
 * visits and reviews, and psychological-support referrals. A key person is a
 * parties row (never a copy). None of these tables is a hub entity: they stay
 * in the office (shared/domain/hub-entities.ts does not list them).
 */
import type { KeyPersonLogKind } from '../../../shared/domain/key-person'
import type { Tracked } from './schema'

export interface KeyPersonTable extends Tracked {
  id: string
  party_id: string
  office_id: string
  /** The case the registration was made from, if any. */
  case_id: string | null
  reason: string
  reason_note: string | null
  level: 'red' | 'yellow' | 'green'
  level_reason: string
  responsible_user_id: string | null
  responsible_name: string
  /** China date. */
  next_review_on: string
  status: 'active' | 'closed'
  close_reason: string | null
  registered_at: string
  registered_by: string
}

export interface KeyPersonLogTable extends Tracked {
  id: string
  key_person_id: string
  kind: KeyPersonLogKind
  at: string
  /** China date of a visit or review as the worker gives it; the log time otherwise. */
  on_date: string
  actor_id: string
  actor_name: string
  from_level: 'red' | 'yellow' | 'green' | null
  to_level: 'red' | 'yellow' | 'green' | null
  note: string
  next_review_on: string | null
}

export interface ReferralTable extends Tracked {
  id: string
  party_id: string
  case_id: string | null
  office_id: string
  service: 'womens_federation' | 'counsellor'
  /** An expert of the roster (mediators.kind = 'expert'). */
  counsellor_id: string | null
  status: 'referred' | 'accepted' | 'in_progress' | 'closed'
  outcome: string | null
  /** Sensitive personal information: read only through referrals.notes, every view audited. */
  notes: string | null
  responsible_user_id: string | null
  referred_at: string
  referred_by: string
  referred_by_name: string
}

export interface KeyPersonTables {
  key_persons: KeyPersonTable
  key_person_logs: KeyPersonLogTable
  referrals: ReferralTable
}
