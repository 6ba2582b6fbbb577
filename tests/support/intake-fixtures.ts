/*
 * Realistic intake data for tests: valid resident IDs and credit codes made
 * with the same check-character rules the app uses, Wenzhou region codes,
 * and a registration input a clerk could have typed.
 */
import type { RegisterCaseInput } from '../../shared/domain/case-input'
import { creditCodeCheckChar } from '../../shared/rules/credit-code'
import { residentIdCheckChar } from '../../shared/rules/resident-id'
import type { RunningApp } from '../../electron/main/startup'
// The settings service alone: the crash test's writer bundles this file and should not carry the whole service table.
import { setSetting } from '../../electron/main/services/settings'

/** A valid 18-character resident ID: region (Ouhai district 330304 by default), birth date, sequence. */
export function residentId(birthDate: string, sequence: number, region = '330304'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`
  return first17 + residentIdCheckChar(first17)
}

/** A valid unified social credit code for a company registered in Wenzhou. */
export function creditCode(body = '330304MA2H8K7P0'): string {
  const first17 = `91${body}`.slice(0, 17)
  return first17 + creditCodeCheckChar(first17)
}

export async function chooseOffice(app: RunningApp, code: string): Promise<string> {
  const office = await app.ctx.db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  await setSetting(app.ctx, { key: 'installation.officeId', value: office.id })
  return office.id
}

export function registration(overrides: Partial<RegisterCaseInput> = {}): RegisterCaseInput {
  return {
    source: 'walk_in',
    disputeType: 'neighbour',
    occurredOn: '2026-11-20',
    placeTownship: '梧田街道',
    placeVillage: '老殿后村',
    summary: '申请人与被申请人系邻居，因被申请人翻建房屋时占用公共通道并堵塞排水沟，双方多次发生口角。',
    claims: ['恢复公共通道原状', '疏通排水沟'],
    amountCents: 1_250_050,
    riskLevel: 'yellow',
    riskReason: '双方情绪激动，曾有推搡',
    parties: [
      {
        kind: 'person',
        role: 'applicant',
        name: '王芳',
        idType: 'resident_id',
        idNumber: residentId('1978-04-12', 122),
        phone: '13857712345',
        address: '梧田街道老殿后村12号'
      },
      {
        kind: 'person',
        role: 'respondent',
        name: '陈建国',
        idType: 'resident_id',
        idNumber: residentId('1969-09-30', 351),
        phone: '0577-88881234'
      }
    ],
    ...overrides
  }
}
