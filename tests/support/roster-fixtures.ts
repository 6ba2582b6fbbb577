/* Roster entries for tests: a record a clerk could have typed, valid against the seeded reference data. */
import type { MediatorRecord } from '../../shared/domain/mediator'
import { mediatorRecordSchema } from '../../shared/domain/mediator-input'
import type { Mediator } from '../../shared/domain/mediator'
import type { RunningApp } from '../../electron/main/startup'
import { services } from '../../electron/main/services/index'
import { residentId } from './intake-fixtures'

export function mediatorRecord(overrides: Partial<MediatorRecord> = {}): MediatorRecord {
  return {
    kind: 'full_time',
    name: '林海燕',
    gender: 'female',
    idNumber: residentId('1975-03-08', 262),
    phone: '13906771234',
    profession: null,
    status: 'active',
    capacity: 20,
    officeCodes: ['wutian'],
    specialties: ['neighbour', 'marriage_family'],
    chambers: [],
    credentials: [
      { type: 'mediator_training', number: 'WZ-2024-0187', issuer: '温州市司法局', validUntil: '2027-06-30' }
    ],
    conflicts: [],
    leaves: [],
    note: null,
    ...overrides
  }
}

export async function addMediator(app: RunningApp, overrides: Partial<MediatorRecord> = {}): Promise<Mediator> {
  return services['mediators.save'](app.ctx, { record: mediatorRecordSchema.parse(mediatorRecord(overrides)) })
}
