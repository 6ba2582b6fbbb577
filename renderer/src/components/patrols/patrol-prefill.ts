/*
 * Passing a patrol report on to intake: the intake form asks main for the
 * report's pre-fill (patrols.passToIntake) and turns it into its own drafts.
 * Parties the grid worker could not place get the roles a case needs: the
 * first an applicant, the second a respondent.
 */
import type { PatrolIntakePrefill } from '../../../../shared/contract/patrols'
import type { PartyRole } from '../../../../shared/domain/party'
import { api } from '../../api'
import { emptyParty, type PartyDraft } from '../intake/party-draft'

export interface IntakePrefill {
  prefill: PatrolIntakePrefill
  parties: PartyDraft[]
}

export async function loadPatrolPrefill(patrolId: string): Promise<IntakePrefill> {
  const prefill = await api.patrols.passToIntake({ id: patrolId })
  const fallback: PartyRole[] = ['applicant', 'respondent']
  const parties = prefill.parties.map((p, index) => {
    const draft = emptyParty(p.role ?? fallback[index] ?? 'third_party')
    draft.name = p.name
    draft.phone = p.phone ?? ''
    draft.idNumber = p.idNumber ?? ''
    return draft
  })
  // A case needs an applicant and a respondent: empty rows for whichever the report lacks.
  for (const role of fallback) if (!parties.some((p) => p.role === role)) parties.push(emptyParty(role))
  return { prefill, parties }
}
