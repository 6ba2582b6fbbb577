/*
 * Who may call what (DESIGN §3.7): one entry per contract method, checked in
 * main before the input is even parsed (ipc/register.ts), and read by the
 * window only to hide what the user cannot do. A method added to the
 * contract without an entry here fails to compile.
 *
 * Roles follow the offices' division of work: the intake hall registers,
 * accepts and routes; mediators (and lawyer-mediators) conduct the mediation
 * and record its outcome; supervisors oversee, archive, correct after
 * archive and read the audit trail; administrators keep the installation
 * (accounts, settings, calendar, backups). Supervisors and administrators
 * may also do the work of the roles they oversee.
 */
import type { MethodName } from './ipc-contract'
import { USER_ROLES, type UserRole } from './domain/user'

/** `public`: callable before signing in (or while locked); otherwise the roles that may call it. */
export type Access = 'public' | readonly UserRole[]

const EVERYONE = USER_ROLES
const INTAKE: readonly UserRole[] = ['clerk', 'supervisor', 'admin']
const MEDIATION: readonly UserRole[] = ['mediator', 'lawyer_mediator', 'supervisor', 'admin']
const SUPERVISION: readonly UserRole[] = ['supervisor', 'admin']
const ADMINISTRATION: readonly UserRole[] = ['admin']
/**
 * Who may read psychological-support referral notes (sensitive personal information): supervisors and
 * administrators, and a mediator or lawyer-mediator only as the referral's responsible worker (checked by the
 * service). Never the intake clerk. Every view is audited.
 */
export const REFERRAL_NOTE_READERS: readonly UserRole[] = ['mediator', 'lawyer_mediator', 'supervisor', 'admin']
/** Keeping the key-person register: the mediation roles (not only on their own cases) and supervisors. */
const KEY_PERSON_WORK: readonly UserRole[] = ['mediator', 'lawyer_mediator', 'supervisor', 'admin']

export const PERMISSIONS: Record<MethodName, Access> = {
  'app.info': 'public',
  'auth.status': 'public',
  'auth.setupAdmin': 'public',
  'auth.signIn': 'public',
  'auth.unlock': 'public',
  'auth.signOut': EVERYONE,
  'auth.lock': EVERYONE,
  'auth.changePassword': EVERYONE,
  'users.list': ADMINISTRATION,
  'users.save': ADMINISTRATION,
  'users.resetPassword': ADMINISTRATION,
  'users.setActive': ADMINISTRATION,

  'offices.list': EVERYONE,
  'settings.get': EVERYONE,
  'settings.set': SUPERVISION,
  'reference.disputeTypes': EVERYONE,
  'reference.caseSources': EVERYONE,

  'cases.register': INTAKE,
  'cases.accept': INTAKE,
  'cases.decline': INTAKE,
  'cases.route': INTAKE,
  'cases.setRisk': EVERYONE,
  'cases.get': EVERYONE,
  'cases.list': EVERYONE,
  'parties.lookup': EVERYONE,
  'parties.reveal': EVERYONE,

  'mediators.list': EVERYONE,
  'mediators.get': EVERYONE,
  'mediators.save': SUPERVISION,
  'mediators.exportXlsx': SUPERVISION,
  'mediators.templateXlsx': SUPERVISION,
  'mediators.importPreview': SUPERVISION,
  'mediators.importCommit': SUPERVISION,
  'chambers.list': EVERYONE,
  'chambers.add': SUPERVISION,
  'assignments.list': EVERYONE,
  'assignments.suggest': EVERYONE,
  'assignments.assign': INTAKE,
  'assignments.recuse': INTAKE,

  'rooms.list': EVERYONE,
  'rooms.save': SUPERVISION,
  'calendar.days': EVERYONE,
  'calendar.years': EVERYONE,
  'calendar.setDay': ADMINISTRATION,
  'calendar.removeDay': ADMINISTRATION,
  'calendar.reseedYear': ADMINISTRATION,
  'calendar.officeHours': EVERYONE,
  'calendar.setOfficeHours': SUPERVISION,
  'hearings.list': EVERYONE,
  'hearings.byCase': EVERYONE,
  'hearings.get': EVERYONE,
  'hearings.check': EVERYONE,
  'hearings.schedule': EVERYONE,
  'hearings.reschedule': EVERYONE,
  'hearings.postpone': EVERYONE,
  'hearings.cancel': EVERYONE,
  'hearings.markHeld': MEDIATION,
  'hearings.notice': EVERYONE,
  'hearings.markNotified': EVERYONE,

  'lifecycle.get': EVERYONE,
  'cases.startMediation': MEDIATION,
  'cases.setReferral': INTAKE,
  'cases.extend': MEDIATION,
  'cases.fail': MEDIATION,
  'cases.withdraw': MEDIATION,
  'cases.close': MEDIATION,
  'cases.archive': SUPERVISION,
  'cases.amend': SUPERVISION,
  'records.add': MEDIATION,
  'agreements.create': MEDIATION,
  'agreements.markTerm': MEDIATION,
  'followUps.add': MEDIATION,
  'confirmations.apply': MEDIATION,
  'confirmations.recordRuling': MEDIATION,
  'deadlines.overview': EVERYONE,
  'deadlines.rules': EVERYONE,

  'audit.list': SUPERVISION,
  'audit.actors': SUPERVISION,
  'audit.verify': SUPERVISION,
  'audit.exportXlsx': SUPERVISION,
  'backups.list': ADMINISTRATION,
  'backups.create': ADMINISTRATION,
  'backups.restore': ADMINISTRATION,
  'backups.cancelRestore': ADMINISTRATION,

  // Documents are made and filed by whoever handles the case at the desk: every role.
  'documents.generate': EVERYONE,
  'documents.list': EVERYONE,
  'documents.open': EVERYONE,
  'documents.verify': EVERYONE,
  'documents.attach': EVERYONE,
  'documents.preview': EVERYONE,
  'documents.caseFile': EVERYONE,
  'documents.exportCaseFile': EVERYONE,
  'documents.exportStatus': EVERYONE,
  'documents.templates': EVERYONE,

  // Hub bundles carry every case of the office: supervisors oversee what leaves and what is merged; only an
  // administrator changes the trust anchor (this installation's key, the offices' registered keys).
  'hub.keyInfo': SUPERVISION,
  'hub.generateKey': ADMINISTRATION,
  'hub.publicKeyFile': SUPERVISION,
  'hub.export': SUPERVISION,
  'hub.bundleFile': SUPERVISION,
  'hub.saveBundle': SUPERVISION,
  'hub.deleteBundle': SUPERVISION,
  'hub.progress': SUPERVISION,
  'hub.exports': SUPERVISION,
  'hub.offices': SUPERVISION,
  'hub.registerOffice': ADMINISTRATION,
  'hub.verify': SUPERVISION,
  'hub.import': SUPERVISION,
  'hub.chooseBundle': SUPERVISION,
  'hub.verifyChosen': SUPERVISION,
  'hub.importChosen': SUPERVISION,
  'hub.imports': SUPERVISION,

  // Each role's home figures; supervisors and administrators may open the others' too. Counts stay within reach.
  'stats.clerkHome': INTAKE,
  'stats.mediatorHome': MEDIATION,
  'stats.supervisorHome': SUPERVISION,
  'stats.charts': EVERYONE,

  // Patrol reports are intake-hall and grid work: the intake roles and the mediators (every role) enter them;
  // registering the case of a passed-on report is intake; the grid list is the supervisor's.
  'patrols.list': EVERYONE,
  'patrols.get': EVERYONE,
  'patrols.save': EVERYONE,
  'patrols.passToIntake': EVERYONE,
  'patrols.registerCase': INTAKE,
  'patrols.monthly': EVERYONE,
  'grids.list': EVERYONE,
  'grids.importPreview': SUPERVISION,
  'grids.importCommit': SUPERVISION,
  'grids.templateXlsx': SUPERVISION,

  // The statistics report is read by every office's staff; figures typed in by hand and exports of the report
  // are the supervisor's (who signs the return). A case list may be exported by whoever may list cases:
  // identifiers come masked unless the role sees them whole (shared/rules/report-fields.ts).
  'reports.monthly': EVERYONE,
  'reports.figures': EVERYONE,
  'reports.saveFigures': SUPERVISION,
  'reports.exportXlsx': EVERYONE,
  'reports.exportCaseList': EVERYONE,

  // The key-person register: everyone sees the flag (intake must), the workers keep the register, supervisors
  // get the rule's suggestions; referral notes as REFERRAL_NOTE_READERS says; similar cases are reading.
  'keyPersons.list': EVERYONE,
  'keyPersons.get': EVERYONE,
  'keyPersons.register': KEY_PERSON_WORK,
  'keyPersons.workers': KEY_PERSON_WORK,
  'keyPersons.setLevel': KEY_PERSON_WORK,
  'keyPersons.setResponsible': KEY_PERSON_WORK,
  'keyPersons.logReview': KEY_PERSON_WORK,
  'keyPersons.close': KEY_PERSON_WORK,
  'keyPersons.suggestions': SUPERVISION,
  'keyPersons.flags': EVERYONE,
  'keyPersons.dueReviews': EVERYONE,
  'referrals.list': EVERYONE,
  'referrals.create': KEY_PERSON_WORK,
  'referrals.setStatus': KEY_PERSON_WORK,
  'referrals.notes': REFERRAL_NOTE_READERS,
  'cases.similar': EVERYONE
}

/**
 * The mediation work itself (records, outcomes, follow-up, confirmation):
 * a mediator or lawyer-mediator does it only on "own cases", those their
 * roster entry is assigned to; supervisors and administrators on any case.
 */
export function isOwnCaseWork(method: MethodName): boolean {
  return PERMISSIONS[method] === MEDIATION
}

export function isAllowed(method: MethodName, role: UserRole | null): boolean {
  const access = PERMISSIONS[method]
  if (access === 'public') return true
  return role !== null && access.includes(role)
}
