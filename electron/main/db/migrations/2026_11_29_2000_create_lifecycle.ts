/*
 * The mediation lifecycle: investigation and mediation records, agreements
 * and their terms, terminations and withdrawals, follow-up visits, judicial
 * confirmations, extensions of the mediation limit, closing reports, the
 * archive and amendments after it; plus case_due, each case's earliest open
 * due date, which the overdue and due-soon lists filter on through an index.
 * hearing_id is plain text: the hearings table belongs to another migration.
 * Frozen in time: never imports app code, never edited once released.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** id, case_id, the author, and the tracked columns every synchronised row carries. */
const caseChild = (db: AnyDb, name: string, authored = true) => {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
  if (authored) {
    table = table
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
  }
  return table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
}

const json = (column: string) => sql`json_valid(${sql.ref(column)})`

export async function up(db: AnyDb): Promise<void> {
  await caseChild(db, 'case_lifecycle', false)
    .addColumn('referral_kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`referral_kind in ('none', 'court_pre_filing', 'court_post_filing', 'court_simple')`)
    )
    .addColumn('referral_court', 'text')
    .addColumn('referred_on', 'text')
    .addUniqueConstraint('case_lifecycle_case', ['case_id'])
    .execute()

  await caseChild(db, 'case_records')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('investigation', 'mediation')`))
    .addColumn('hearing_id', 'text')
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('recorder', 'text', (c) => c.notNull())
    .addColumn('investigator', 'text')
    .addColumn('person_questioned', 'text')
    .addColumn('content', 'text')
    .addColumn('subject', 'text')
    .addColumn('participants', 'text')
    .addColumn('parties_present', 'text')
    .addColumn('rights_explained', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('statements', 'text', (c) => c.notNull().defaultTo('[]').check(json('statements')))
    .addColumn('evidence_checked', 'text')
    .addColumn('risk_warnings', 'text')
    .addColumn('result', 'text')
    .addColumn('result_note', 'text')
    .execute()
  await db.schema.createIndex('case_records_case').on('case_records').columns(['case_id', 'held_at']).execute()

  await caseChild(db, 'agreements')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('written', 'oral')`))
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull().check(json('parties')))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('disputed_points', 'text', (c) => c.notNull())
    .addColumn('responsibility', 'text', (c) => c.notNull())
    .addColumn('performance_manner', 'text', (c) => c.notNull())
    .addColumn('performance_deadline', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents >= 0`))
    .addColumn('copies', 'integer')
    .addColumn('signed_on', 'text')
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('mediator_name', 'text', (c) => c.notNull())
    .addColumn('seeks_confirmation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('agreements_case').on('agreements').column('case_id').execute()

  await caseChild(db, 'agreement_terms', false)
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.check(sql`amount_cents is null or amount_cents >= 0`))
    .addColumn('due_on', 'text')
    .addColumn('performed_on', 'text')
    .addColumn('performed_note', 'text')
    .execute()
  await db.schema
    .createIndex('agreement_terms_agreement')
    .on('agreement_terms')
    .columns(['agreement_id', 'number'])
    .unique()
    .execute()

  await caseChild(db, 'terminations')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('failed', 'withdrawn')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('routes', 'text', (c) => c.notNull().defaultTo('[]').check(json('routes')))
    .addColumn('withdrawn_by', 'text')
    .addColumn('ended_on', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('terminations_case').on('terminations').column('case_id').execute()

  await caseChild(db, 'follow_ups')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('visited_party', 'text', (c) => c.notNull())
    .addColumn('performance', 'text', (c) => c.notNull())
    .addColumn('performed_amount_cents', 'integer')
    .addColumn('satisfaction', 'text', (c) => c.notNull())
    .addColumn('escalation_signs', 'text')
    .addColumn('measures', 'text')
    .addColumn('court_outcome', 'text')
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('terms_performed', 'text', (c) => c.notNull().defaultTo('[]').check(json('terms_performed')))
    .execute()
  await db.schema.createIndex('follow_ups_case').on('follow_ups').columns(['case_id', 'visited_on']).execute()

  await caseChild(db, 'judicial_confirmations')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('jointly', 'integer', (c) => c.notNull().check(sql`jointly = 1`))
    .addColumn('accepted_on', 'text')
    .addColumn('ruling', 'text', (c) => c.check(sql`ruling is null or ruling in ('confirmed', 'rejected')`))
    .addColumn('ruled_on', 'text')
    .addColumn('ruling_number', 'text')
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('judicial_confirmations_case').on('judicial_confirmations').column('case_id').execute()

  await caseChild(db, 'mediation_extensions')
    .addColumn('previous_due_on', 'text', (c) => c.notNull())
    .addColumn('new_due_on', 'text', (c) => c.notNull())
    .addColumn('consented_on', 'text', (c) => c.notNull())
    .addColumn('consent', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('mediation_extensions_case')
    .on('mediation_extensions')
    .columns(['case_id', 'new_due_on'])
    .execute()

  await caseChild(db, 'closing_reports')
    .addColumn('closed_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('mediator_name', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('closing_reports_case', ['case_id'])
    .execute()

  await caseChild(db, 'case_archives')
    .addColumn('archived_on', 'text', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull().check(sql`retention in ('permanent', 'long', 'short')`))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('case_archives_case', ['case_id'])
    .execute()

  await caseChild(db, 'case_amendments')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull().check(json('changes')))
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('case_amendments_case').on('case_amendments').column('case_id').execute()

  // Derived like case_search: rebuilt from the rows above inside each change's transaction.
  await db.schema
    .createTable('case_due')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('case_seq', 'integer', (c) => c.notNull().unique())
    .addColumn('next_due_on', 'text', (c) => c.notNull())
    .addColumn('next_due_kind', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_due_on').on('case_due').columns(['next_due_on', 'case_seq']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'case_due',
    'case_amendments',
    'case_archives',
    'closing_reports',
    'mediation_extensions',
    'judicial_confirmations',
    'follow_ups',
    'terminations',
    'agreement_terms',
    'agreements',
    'case_records',
    'case_lifecycle'
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
