/* The services behind the hub methods (shared/contract/hub.ts). */
import type { hubMethods } from '../../../../shared/contract/hub'
import type { Service } from '../index'
import { exportBundle } from './export'
import { listExports, listImports } from './history'
import { importBundle, verifyBundle } from './import'
import { keptBundleFile, saveKeptBundle } from './kept-bundles'
import { deleteKeptBundle } from './kept-removal'
import { chooseBundle, importChosen, verifyChosen } from './chosen-bundles'
import { currentProgress } from './progress'
import { generateOfficeKey, listRegisteredOffices, officeKeyInfo, publicKeyFile, registerOfficeKey } from './registry'

export const hubServices: { [M in keyof typeof hubMethods]: Service<M> } = {
  'hub.keyInfo': officeKeyInfo,
  'hub.generateKey': generateOfficeKey,
  'hub.publicKeyFile': publicKeyFile,
  'hub.export': exportBundle,
  'hub.bundleFile': keptBundleFile,
  'hub.saveBundle': saveKeptBundle,
  'hub.deleteBundle': deleteKeptBundle,
  'hub.progress': async () => currentProgress(),
  'hub.exports': listExports,
  'hub.offices': listRegisteredOffices,
  'hub.registerOffice': registerOfficeKey,
  'hub.verify': verifyBundle,
  'hub.import': importBundle,
  'hub.chooseBundle': chooseBundle,
  'hub.verifyChosen': verifyChosen,
  'hub.importChosen': importChosen,
  'hub.imports': listImports
}
