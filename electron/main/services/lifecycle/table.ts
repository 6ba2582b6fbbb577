/* The services behind the lifecycle methods (shared/contract/lifecycle.ts). */
import type { lifecycleMethods } from '../../../../shared/contract/lifecycle'
import type { Service } from '../index'
import { createAgreement, markTerm } from './agreements'
import { archiveCase, amendCase, closeCase } from './closing'
import { applyConfirmation, recordRuling } from './confirmations'
import { addFollowUp } from './follow-ups'
import { extendMediation, failMediation, setReferral, startMediation, withdrawCase } from './outcomes'
import { deadlineOverview, deadlineRules } from './overview'
import { getLifecycle } from './read'
import { addRecord } from './records'

export const lifecycleServices: { [M in keyof typeof lifecycleMethods]: Service<M> } = {
  'lifecycle.get': getLifecycle,
  'cases.startMediation': startMediation,
  'cases.setReferral': setReferral,
  'cases.extend': extendMediation,
  'cases.fail': failMediation,
  'cases.withdraw': withdrawCase,
  'cases.close': closeCase,
  'cases.archive': archiveCase,
  'cases.amend': amendCase,
  'records.add': addRecord,
  'agreements.create': createAgreement,
  'agreements.markTerm': markTerm,
  'followUps.add': addFollowUp,
  'confirmations.apply': applyConfirmation,
  'confirmations.recordRuling': recordRuling,
  'deadlines.overview': deadlineOverview,
  'deadlines.rules': deadlineRules
}
