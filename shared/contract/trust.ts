/*
 * Trust (DESIGN §3.7): the audit trail's reader and verifier; backups and restore.
 */
import type { AuditActor, AuditPage, AuditVerification, RevealedParty } from '../domain/audit'
import { auditFilterSchema, listAuditSchema } from '../domain/audit'
import { backupFileNameSchema, type BackupOverview } from '../domain/backup'
import type { SpreadsheetFile } from '../domain/mediator'
import { z } from '../validation'
import { noInput, returns } from './define'

export const trustMethods = {
  /** The audit trail, newest first, filtered by user, case, action, record kind and China dates; keyset-paged. */
  'audit.list': { input: listAuditSchema, output: returns<AuditPage>() },

  /** Who can appear in the trail: every account of this installation and the system itself. */
  'audit.actors': { input: noInput, output: returns<AuditActor[]>() },

  /** Check the whole hash chain: every entry present, linked and unaltered; names the first problems. */
  'audit.verify': { input: noInput, output: returns<AuditVerification>() },

  /** The filtered trail as XLSX (at most 50,000 entries, newest first). */
  'audit.exportXlsx': {
    input: z.object({ filter: auditFilterSchema.optional() }).strict(),
    output: returns<SpreadsheetFile>()
  },

  /** One party's ID number, credit code, phone and address in full, for the case it is in. Every view is audited. */
  'parties.reveal': {
    input: z.object({ caseId: z.uuid('案件编号无效'), partyId: z.uuid('当事人编号无效') }).strict(),
    output: returns<RevealedParty>()
  },

  /** The backup folder: every copy with its kind and size, a restore waiting for the next start, the last check. */
  'backups.list': { input: noInput, output: returns<BackupOverview>() },

  /** Take a backup now and check the copy. Audited. */
  'backups.create': { input: noInput, output: returns<BackupOverview>() },

  /** Restore a sound backup at the next start (the current store is kept as a backup first). Audited. */
  'backups.restore': {
    input: z.object({ fileName: backupFileNameSchema }).strict(),
    output: returns<BackupOverview>()
  },

  /** Withdraw a restore asked for and not yet done. Audited. */
  'backups.cancelRestore': { input: noInput, output: returns<BackupOverview>() }
} as const
