/* The services behind the prevention methods (shared/contract/key-persons.ts). */
import type { keyPersonMethods } from '../../../../shared/contract/key-persons'
import type { Service } from '../index'
import { keyPersonFlags, keyPersonSuggestions } from './key-person-flags'
import { dueReviews, getKeyPerson, listKeyPersons } from './key-person-store'
import {
  closeKeyPerson,
  keyPersonWorkers,
  logKeyPersonReview,
  registerKeyPerson,
  setKeyPersonLevel,
  setKeyPersonResponsible
} from './key-persons'
import { createReferral, listReferrals, referralNotes, setReferralStatus } from './referrals'
import { similarCases } from './similar-cases'

export const keyPersonServices: { [M in keyof typeof keyPersonMethods]: Service<M> } = {
  'keyPersons.list': listKeyPersons,
  'keyPersons.get': getKeyPerson,
  'keyPersons.register': registerKeyPerson,
  'keyPersons.workers': keyPersonWorkers,
  'keyPersons.setLevel': setKeyPersonLevel,
  'keyPersons.setResponsible': setKeyPersonResponsible,
  'keyPersons.logReview': logKeyPersonReview,
  'keyPersons.close': closeKeyPerson,
  'keyPersons.suggestions': keyPersonSuggestions,
  'keyPersons.flags': keyPersonFlags,
  'keyPersons.dueReviews': dueReviews,
  'referrals.list': listReferrals,
  'referrals.create': createReferral,
  'referrals.setStatus': setReferralStatus,
  'referrals.notes': referralNotes,
  'cases.similar': similarCases
}
