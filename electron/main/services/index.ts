/*
 * The service behind every contract method. The type makes this table
 * complete: a method added to the contract without a service fails to compile.
 */
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/ipc-contract'
import type { AppContext } from '../context'
import { appInfo } from './app'
import { listOffices } from './offices'
import { listCaseSources, listDisputeTypes } from './reference'
import { getSetting, setSetting } from './settings'
import { getCase } from './case-detail'
import { listCases } from './case-list'
import { acceptCase, declineCase, registerCase, routeCase, setCaseRisk } from './cases'
import { lookupParties } from './parties'
import { addChamber, getMediator, listChambers, listMediators, saveMediator } from './mediators'
import { commitRosterImport, exportRoster, previewRosterImport, rosterTemplate } from './roster-import'
import { assignMediator, listAssignments, recuseMediator, suggestMediators } from './assignments'
import { hearingServices } from './hearings/table'
import { lifecycleServices } from './lifecycle/table'
import { trustServices } from './trust/table'
import { accountServices } from './accounts/table'
import { documentServices } from './documents/table'
import { hubServices } from './hub/table'
import { statsServices } from './stats/table'
import { patrolServices } from './patrols/table'
import { reportServices } from './reports/table'
import { keyPersonServices } from './prevention/table'

export type Service<M extends MethodName> = (ctx: AppContext, input: ParsedInput<M>) => Promise<MethodOutput<M>>

export type ServiceTable = { [M in MethodName]: Service<M> }

export const services: ServiceTable = {
  'app.info': appInfo,
  'offices.list': listOffices,
  'settings.get': getSetting,
  'settings.set': setSetting,
  'reference.disputeTypes': listDisputeTypes,
  'reference.caseSources': listCaseSources,
  'cases.register': registerCase,
  'cases.accept': acceptCase,
  'cases.decline': declineCase,
  'cases.route': routeCase,
  'cases.setRisk': setCaseRisk,
  'cases.get': getCase,
  'cases.list': listCases,
  'parties.lookup': lookupParties,
  'mediators.list': listMediators,
  'mediators.get': getMediator,
  'mediators.save': saveMediator,
  'mediators.exportXlsx': exportRoster,
  'mediators.templateXlsx': rosterTemplate,
  'mediators.importPreview': previewRosterImport,
  'mediators.importCommit': commitRosterImport,
  'chambers.list': listChambers,
  'chambers.add': addChamber,
  'assignments.list': listAssignments,
  'assignments.suggest': suggestMediators,
  'assignments.assign': assignMediator,
  'assignments.recuse': recuseMediator,
  ...hearingServices,
  ...lifecycleServices,
  ...trustServices,
  ...accountServices,
  ...documentServices,
  ...hubServices,
  ...statsServices,
  ...patrolServices,
  ...reportServices,
  ...keyPersonServices
}
