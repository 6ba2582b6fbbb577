/* The services behind the trust methods (shared/contract/trust.ts). */
import type { trustMethods } from '../../../../shared/contract/trust'
import type { Service } from '../index'
import { cancelRestore, createBackup, listBackups, requestRestore } from './backups'
import { revealParty } from './reveal'
import { exportAuditXlsx, listAudit, listAuditActors, verifyAudit } from './audit'

export const trustServices: { [M in keyof typeof trustMethods]: Service<M> } = {
  'audit.list': listAudit,
  'audit.actors': listAuditActors,
  'audit.verify': verifyAudit,
  'audit.exportXlsx': exportAuditXlsx,
  'parties.reveal': revealParty,
  'backups.list': listBackups,
  'backups.create': createBackup,
  'backups.restore': requestRestore,
  'backups.cancelRestore': cancelRestore
}
