/*
 * What a hub bundle carries (docs/hub-bundle.md): one entry per exported
 * table, in the order the hub merges them (parents before children), with
 * every field's type and what the masked PII policy does to it. This list is
 * the one source of truth: the JSON Schemas in resources/hub/, the line
 * validator, the exporter and the merger are all derived from it, and a test
 * compares it with the live tables so a new column cannot be forgotten.
 */

export type HubFieldType = 'text' | 'integer' | 'flag'

/**
 * What the `masked` policy does to a field: `name` → surname + 某 (organisations
 * keep their name); the identifier rules of shared/rules/masking.ts; `text`,
 * `jsonArray`, `jsonObject` replace narrative (which may name people) with a
 * fixed placeholder of the same shape.
 */
export type HubMask = 'name' | 'idNumber' | 'phone' | 'address' | 'creditCode' | 'text' | 'jsonArray' | 'jsonObject'

export interface HubField {
  name: string
  type: HubFieldType
  nullable: boolean
  mask: HubMask | null
}

/** How rows of an entity reach the hub. */
export type HubEntityMode =
  /** Rows named by the change log (inserts and updates; deletes become tombstones). */
  | 'logged'
  /** Rows rewritten whole with their parent and not logged one by one: the parent's set travels with it. */
  | 'owned'
  /** Small reference tables sent whole in every bundle, matched at the hub by a natural key. */
  | 'reference'

export interface HubEntity {
  /** File name without `.ndjson`; equals the table name. */
  file: string
  label: string
  mode: HubEntityMode
  fields: HubField[]
  /** `owned`: the parent table and the column that points to it. */
  owner?: { table: string; column: string }
  /** `reference`: the field that names the same row in every installation. */
  naturalKey?: string
  /** Columns holding ids of `reference` rows: rewritten to the hub's own ids on merge. */
  refs?: Record<string, string>
  /** The bundle format version that added the entity (1 when absent): older bundles may not carry it. */
  since?: number
}

/** `name[:int|:flag][?][@mask]` (or `name?:int`) per field, space-separated: short enough to read against the table. */
function fields(spec: string): HubField[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((token) => {
      const [head, mask] = token.split('@')
      const nullable = head.includes('?')
      const [name, kind] = head.replace('?', '').split(':')
      const type: HubFieldType = kind === 'int' ? 'integer' : kind === 'flag' ? 'flag' : 'text'
      return { name, type, nullable, mask: (mask as HubMask | undefined) ?? null }
    })
}

const TRACKED = 'created_at updated_at version:int'
const AUTHORED = `id case_id author_id author_name ${TRACKED}`
const MEDIATOR_CHILD = `id mediator_id ${TRACKED}`
const OFFICE = { office_id: 'offices' }
const mediatorOwned = { table: 'mediators', column: 'mediator_id' }
const hearingOwned = { table: 'hearings', column: 'hearing_id' }

export const HUB_ENTITIES: readonly HubEntity[] = [
  {
    file: 'offices',
    label: '调解组织',
    mode: 'reference',
    naturalKey: 'code',
    fields: fields(`id code name short_name kind township? parent_id? active:flag sort_order:int ${TRACKED}`)
  },
  {
    file: 'chambers',
    label: '商会',
    mode: 'reference',
    naturalKey: 'name',
    fields: fields(`id name active:flag ${TRACKED}`)
  },
  {
    // An installation's grids are its own office's (the patrol service files them under it); matched by grid code.
    file: 'grids',
    label: '网格',
    mode: 'reference',
    naturalKey: 'code',
    refs: OFFICE,
    since: 2,
    fields: fields(`id code office_id township village? name? active:flag ${TRACKED}`)
  },
  {
    file: 'mediators',
    label: '调解员',
    mode: 'logged',
    fields: fields(
      `id kind name@name gender? id_number?@idNumber phone?@phone profession? status capacity:int note?@text ${TRACKED}`
    )
  },
  {
    file: 'mediator_offices',
    label: '调解员所属组织',
    mode: 'owned',
    owner: mediatorOwned,
    refs: OFFICE,
    fields: fields(`${MEDIATOR_CHILD} office_id`)
  },
  {
    file: 'mediator_specialties',
    label: '调解员专长',
    mode: 'owned',
    owner: mediatorOwned,
    fields: fields(`${MEDIATOR_CHILD} dispute_type`)
  },
  {
    file: 'mediator_chambers',
    label: '调解员服务商会',
    mode: 'owned',
    owner: mediatorOwned,
    refs: { chamber_id: 'chambers' },
    fields: fields(`${MEDIATOR_CHILD} chamber_id`)
  },
  {
    file: 'mediator_credentials',
    label: '调解员资质',
    mode: 'owned',
    owner: mediatorOwned,
    fields: fields(`${MEDIATOR_CHILD} type number@text issuer? valid_until?`)
  },
  {
    file: 'mediator_conflicts',
    label: '调解员利益冲突申报',
    mode: 'owned',
    owner: mediatorOwned,
    fields: fields(`${MEDIATOR_CHILD} name@name id_number?@idNumber credit_code?@creditCode relation note?@text`)
  },
  {
    file: 'mediator_leaves',
    label: '调解员请假',
    mode: 'owned',
    owner: mediatorOwned,
    fields: fields(`${MEDIATOR_CHILD} from_date to_date reason?@text`)
  },
  {
    file: 'users',
    label: '工作人员（不含登录信息）',
    mode: 'logged',
    fields: fields(`id display_name role active:flag mediator_id? ${TRACKED}`)
  },
  {
    file: 'parties',
    label: '当事人',
    mode: 'logged',
    fields: fields(
      `id kind name@name id_type? id_number?@idNumber birth_date? gender? ethnicity? phone?@phone address?@address
       occupation? employer? credit_code?@creditCode legal_representative?@name contact_person?@name ${TRACKED}`
    )
  },
  {
    file: 'cases',
    label: '案件',
    mode: 'logged',
    refs: { registered_office_id: 'offices', handling_office_id: 'offices' },
    // `seq` is each installation's own registration-order key: the hub numbers imported cases itself.
    fields: fields(
      `id registered_office_id handling_office_id case_number? case_year?:int case_sequence?:int status source
       dispute_type occurred_on? place_township? place_village?@text summary@text claims@jsonArray amount_cents?:int
       risk_level risk_reason?@text registered_at accepted_at? declined_at? decline_reason? decline_note?@text
       decline_route? registered_by ${TRACKED}`
    )
  },
  {
    file: 'case_parties',
    label: '案件当事人',
    mode: 'logged',
    fields: fields(`id case_id party_id role acts_for_party_id? sort_order:int ${TRACKED}`)
  },
  {
    file: 'case_events',
    label: '案件流程记录',
    mode: 'logged',
    fields: fields(
      `id case_id at actor_id actor_name kind from_status? to_status? reason?@text detail@jsonObject ${TRACKED}`
    )
  },
  {
    file: 'assignments',
    label: '指派调解员',
    mode: 'logged',
    fields: fields(
      `id case_id mediator_id role chosen_by_parties:flag status override_reason?@text ended_reason?@text assigned_at
       ended_at? ${TRACKED}`
    )
  },
  {
    file: 'rooms',
    label: '调解室',
    mode: 'logged',
    refs: OFFICE,
    fields: fields(`id office_id name capacity:int video_capable:flag active:flag note? ${TRACKED}`)
  },
  {
    file: 'hearings',
    label: '调解排期',
    mode: 'logged',
    refs: OFFICE,
    fields: fields(
      `id case_id office_id kind starts_at ends_at place_kind room_id? address?@address video_link? purpose bring
       status status_reason?@text record_id? held_note?@text ${TRACKED}`
    )
  },
  {
    file: 'hearing_mediators',
    label: '排期调解员',
    mode: 'owned',
    owner: hearingOwned,
    fields: fields(`id hearing_id mediator_id role ${TRACKED}`)
  },
  {
    file: 'hearing_parties',
    label: '排期当事人',
    mode: 'owned',
    owner: hearingOwned,
    fields: fields(`id hearing_id party_id party_key@text notified_at? notified_how? notified_note?@text ${TRACKED}`)
  },
  {
    file: 'case_lifecycle',
    label: '案件办理信息',
    mode: 'logged',
    fields: fields(`id case_id ${TRACKED} referral_kind referral_court? referred_on?`)
  },
  {
    file: 'case_records',
    label: '调查与调解笔录',
    mode: 'logged',
    fields: fields(
      `${AUTHORED} kind hearing_id? held_at place@text recorder investigator?@name person_questioned?@name
       content?@text subject?@text participants?@text parties_present?@text rights_explained:flag
       statements@jsonArray evidence_checked?@text risk_warnings?@text result? result_note?@text`
    )
  },
  {
    file: 'agreements',
    label: '调解协议',
    mode: 'logged',
    fields: fields(
      `${AUTHORED} kind case_number parties@jsonArray facts@text disputed_points@text responsibility@text
       performance_manner@text performance_deadline amount_cents:int copies?:int signed_on? effective_on
       mediator_name seeks_confirmation:flag`
    )
  },
  {
    file: 'agreement_terms',
    label: '协议条款',
    mode: 'logged',
    fields: fields(
      `id case_id ${TRACKED} agreement_id number:int content@text amount_cents?:int due_on? performed_on?
       performed_note?@text`
    )
  },
  {
    file: 'terminations',
    label: '调解终止',
    mode: 'logged',
    fields: fields(`${AUTHORED} kind reason@text routes@jsonArray withdrawn_by?@name ended_on`)
  },
  {
    file: 'follow_ups',
    label: '回访记录',
    mode: 'logged',
    fields: fields(
      `${AUTHORED} agreement_id visited_on method visited_party@name performance@text performed_amount_cents?:int
       satisfaction escalation_signs?@text measures?@text court_outcome?@text visitor_name terms_performed`
    )
  },
  {
    file: 'judicial_confirmations',
    label: '司法确认',
    mode: 'logged',
    fields: fields(
      `${AUTHORED} agreement_id applied_on court jointly:flag accepted_on? ruling?@text ruled_on? ruling_number?
       note?@text`
    )
  },
  {
    file: 'mediation_extensions',
    label: '调解期限延长',
    mode: 'logged',
    fields: fields(`${AUTHORED} previous_due_on new_due_on consented_on consent@text`)
  },
  {
    file: 'closing_reports',
    label: '结案报告',
    mode: 'logged',
    fields: fields(`${AUTHORED} closed_on outcome result@text mediator_name? note?@text`)
  },
  {
    file: 'case_archives',
    label: '归档',
    mode: 'logged',
    fields: fields(`${AUTHORED} archived_on retention filed_by note?@text`)
  },
  {
    file: 'case_amendments',
    label: '归档后更正',
    mode: 'logged',
    fields: fields(`${AUTHORED} reason@text changes@jsonObject note?@text`)
  },
  {
    file: 'patrol_reports',
    label: '网格排查记录',
    mode: 'logged',
    refs: OFFICE,
    since: 2,
    fields: fields(
      `id office_id grid_code reporter_name@name reporter_phone?@phone patrolled_at place@address findings@text
       disputes_found:int parties@jsonArray handling handling_note?@text case_id? created_by ${TRACKED}`
    )
  },
  {
    file: 'report_figures',
    label: '统计报表手填数',
    mode: 'logged',
    refs: OFFICE,
    since: 2,
    fields: fields(`id office_id month field value:int note?@text entered_by ${TRACKED}`)
  },
  {
    file: 'documents',
    label: '文书登记（不含文件本身）',
    mode: 'logged',
    fields: fields(
      `id case_id kind? category? title revision:int format file_path sha256 size_bytes:int template_source?
       created_by_id created_by_name ${TRACKED}`
    )
  }
]

/**
 * Tables that stay at home, and why (the doc repeats this): accounts' login
 * data and office links, settings, the audit trail and change log (each
 * installation keeps its own chain), per-installation numbering, the working
 * calendar and office hours (each installation's own configuration, unique per
 * year or office), reference lists loaded from resources/, and derived indexes
 * the hub rebuilds (case_search, case_digits, case_words, case_name_keys, case_due) or that the store's
 * triggers keep (case_list_rows, unassigned_cases, mediator_cases, mediator_open_cases, and office_marks, each store's own numbering
 * of the offices for its search rows). The key-person
 * register and its referrals stay at the office that keeps them: they name
 * people under watch, and the hub's statistics do not count them.
 */
export const HUB_LOCAL_TABLES: readonly string[] = [
  'settings',
  'user_offices',
  'audit_log',
  'change_log',
  'case_number_sequences',
  'office_hours',
  'holiday_years',
  'holidays',
  'dispute_types',
  'case_sources',
  'case_search',
  'case_digits',
  'case_words',
  'case_name_keys',
  'case_due',
  'case_list_rows',
  'unassigned_cases',
  'mediator_cases',
  'mediator_open_cases',
  'office_marks',
  'hub_exports',
  'hub_office_keys',
  'hub_imports',
  'key_persons',
  'key_person_logs',
  'referrals'
]

export const TOMBSTONES_FILE = 'tombstones'

export const HUB_ENTITY_BY_FILE: ReadonlyMap<string, HubEntity> = new Map(HUB_ENTITIES.map((e) => [e.file, e]))

/** `cases.ndjson` */
export const ndjsonName = (file: string): string => `${file}.ndjson`
