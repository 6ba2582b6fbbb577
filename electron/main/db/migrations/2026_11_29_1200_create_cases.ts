/*
 * The case register: parties, cases and who stands where in them, the case
 * timeline, per-office per-year number sequences, and the search structures
 * (an FTS5 trigram index keyed by the case's registration-order integer, and
 * an exact/prefix name index for names too short for trigrams).
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

const tracked = (table: ReturnType<AnyDb['schema']['createTable']>) =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))

export async function up(db: AnyDb): Promise<void> {
  await tracked(
    db.schema
      .createTable('parties')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organisation')`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('id_type', 'text')
      .addColumn('id_number', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('gender', 'text', (c) => c.check(sql`gender in ('male', 'female')`))
      .addColumn('ethnicity', 'text')
      .addColumn('phone', 'text')
      .addColumn('address', 'text')
      .addColumn('occupation', 'text')
      .addColumn('employer', 'text')
      .addColumn('credit_code', 'text')
      .addColumn('legal_representative', 'text')
      .addColumn('contact_person', 'text')
  ).execute()
  await db.schema
    .createIndex('parties_id_number')
    .on('parties')
    .column('id_number')
    .where(sql.ref('id_number'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('parties_credit_code')
    .on('parties')
    .column('credit_code')
    .where(sql.ref('credit_code'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('parties_phone')
    .on('parties')
    .column('phone')
    .where(sql.ref('phone'), 'is not', null)
    .execute()

  await tracked(
    db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Registration order; the FTS rowid and the search's sort key (VACUUM cannot renumber it).
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('registered_office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('handling_office_id', 'text', (c) => c.notNull().references('offices.id'))
      .addColumn('case_number', 'text', (c) => c.unique())
      .addColumn('case_year', 'integer')
      .addColumn('case_sequence', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().references('case_sources.code'))
      .addColumn('dispute_type', 'text', (c) => c.notNull().references('dispute_types.code'))
      .addColumn('occurred_on', 'text')
      .addColumn('place_township', 'text')
      .addColumn('place_village', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('claims', 'text', (c) =>
        c
          .notNull()
          .defaultTo('[]')
          .check(sql`json_valid(claims)`)
      )
      .addColumn('amount_cents', 'integer', (c) => c.check(sql`amount_cents is null or amount_cents >= 0`))
      .addColumn('risk_level', 'text', (c) => c.notNull().check(sql`risk_level in ('red', 'yellow', 'green')`))
      .addColumn('risk_reason', 'text')
      .addColumn('registered_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('declined_at', 'text')
      .addColumn('decline_reason', 'text')
      .addColumn('decline_note', 'text')
      .addColumn('decline_route', 'text')
      .addColumn('registered_by', 'text', (c) => c.notNull())
  ).execute()
  await db.schema
    .createIndex('cases_office_status_seq')
    .on('cases')
    .columns(['handling_office_id', 'status', 'seq'])
    .execute()
  await db.schema.createIndex('cases_status_seq').on('cases').columns(['status', 'seq']).execute()
  await db.schema.createIndex('cases_type_seq').on('cases').columns(['dispute_type', 'seq']).execute()
  await db.schema.createIndex('cases_risk_seq').on('cases').columns(['risk_level', 'seq']).execute()
  await db.schema.createIndex('cases_registered_at').on('cases').columns(['registered_at', 'seq']).execute()
  await db.schema
    .createIndex('cases_number')
    .on('cases')
    .columns(['handling_office_id', 'case_year', 'case_sequence'])
    .unique()
    .where(sql.ref('case_number'), 'is not', null)
    .execute()

  await tracked(
    db.schema
      .createTable('case_parties')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('applicant', 'respondent', 'third_party', 'agent')`)
      )
      .addColumn('acts_for_party_id', 'text', (c) => c.references('parties.id'))
      .addColumn('sort_order', 'integer', (c) => c.notNull())
  ).execute()
  await db.schema.createIndex('case_parties_case').on('case_parties').columns(['case_id', 'sort_order']).execute()
  await db.schema.createIndex('case_parties_party').on('case_parties').column('party_id').execute()

  await tracked(
    db.schema
      .createTable('case_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('reason', 'text')
      .addColumn('detail', 'text', (c) =>
        c
          .notNull()
          .defaultTo('{}')
          .check(sql`json_valid(detail)`)
      )
  ).execute()
  // The timeline is history: events are added, never rewritten.
  await sql`create trigger case_events_no_update before update on case_events
            begin select raise(abort, 'case_events is append-only'); end`.execute(db)
  await sql`create trigger case_events_no_delete before delete on case_events
            begin select raise(abort, 'case_events is append-only'); end`.execute(db)
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute()

  await db.schema
    .createTable('case_number_sequences')
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_number_sequences_pk', ['office_id', 'year'])
    .execute()

  // Names, ID numbers and phones are stored as |a|b| so a trigram can match a
  // whole two-character name ("|王芳|"), a prefix ("|王小") or an ending ("1234|").
  await sql`create virtual table case_search using fts5(
    case_number, summary, names, id_numbers, phones, tokenize = 'trigram')`.execute(db)

  // Names too short for trigrams: exact match and one-character prefix, newest first.
  await db.schema
    .createTable('case_name_keys')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('first_char', 'text', (c) => c.notNull())
    .addColumn('case_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_name_keys_pk', ['name', 'case_seq'])
    .modifyEnd(sql`without rowid`)
    .execute()
  await db.schema.createIndex('case_name_keys_first').on('case_name_keys').columns(['first_char', 'case_seq']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'case_name_keys',
    'case_search',
    'case_number_sequences',
    'case_events',
    'case_parties',
    'cases',
    'parties'
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
