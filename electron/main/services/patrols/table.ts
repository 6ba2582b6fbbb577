/* The services behind the grid patrol methods (shared/contract/patrols.ts). */
import type { patrolMethods } from '../../../../shared/contract/patrols'
import type { Service } from '../index'
import { commitGridImport, gridTemplate, listGrids, previewGridImport } from './grids'
import { getPatrol, listPatrols } from './patrol-store'
import { passToIntake, patrolMonthly, registerFromPatrol, savePatrol } from './patrols'

export const patrolServices: { [M in keyof typeof patrolMethods]: Service<M> } = {
  'patrols.list': listPatrols,
  'patrols.get': getPatrol,
  'patrols.save': savePatrol,
  'patrols.passToIntake': passToIntake,
  'patrols.registerCase': registerFromPatrol,
  'patrols.monthly': patrolMonthly,
  'grids.list': listGrids,
  'grids.importPreview': previewGridImport,
  'grids.importCommit': commitGridImport,
  'grids.templateXlsx': gridTemplate
}
