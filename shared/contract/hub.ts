/*
 * Exports to the district hub (DESIGN §3.5, docs/hub-bundle.md): the office
 * key, signed bundles out, verified bundles in, and both histories.
 */
import type {
  ChosenBundle,
  HubBundleDeleted,
  HubBundleFile,
  HubBundleSaved,
  HubExportEntry,
  HubExportResult,
  HubImportEntry,
  HubProgress,
  HubVerification,
  OfficeKeyInfo,
  OfficePublicKeyFile,
  RegisteredOfficeKey
} from '../domain/hub'
import {
  bundleFileSchema,
  chosenBundleSchema,
  exportBundleSchema,
  keptBundleSchema,
  registerOfficeKeySchema
} from '../domain/hub'
import { noInput, returns } from './define'

export const hubMethods = {
  /** This installation's signing key (public half and fingerprint), or null before it is made. */
  'hub.keyInfo': { input: noInput, output: returns<OfficeKeyInfo | null>() },

  /** Make the office's Ed25519 key if there is none (an existing key is never replaced). Audited. */
  'hub.generateKey': { input: noInput, output: returns<OfficeKeyInfo>() },

  /** The public key file to hand to the hub for registration. */
  'hub.publicKeyFile': { input: noInput, output: returns<OfficePublicKeyFile>() },

  /**
   * Make the next signed bundle (incremental or full, full or masked PII) and keep it beside the store; says so when
   * nothing changed. Audited.
   */
  'hub.export': { input: exportBundleSchema, output: returns<HubExportResult>() },

  /** Bundle N as this office kept it, to download (again): refused if the copy is gone or its bytes changed. Audited. */
  'hub.bundleFile': { input: keptBundleSchema, output: returns<HubBundleFile>() },

  /**
   * Bundle N saved by the main process where the user chooses (the desktop's save dialog; null if cancelled). Browser
   * mode has no dialog and downloads with hub.bundleFile. Both are audited.
   */
  'hub.saveBundle': { input: keptBundleSchema, output: returns<HubBundleSaved | null>() },

  /**
   * Remove the kept copy of bundle N (the window asks first). Refused for the newest bundle, which the hub may not
   * have yet; the history row stays. Audited.
   */
  'hub.deleteBundle': { input: keptBundleSchema, output: returns<HubBundleDeleted>() },

  /** What the running export or import is doing, for a progress bar. */
  'hub.progress': { input: noInput, output: returns<HubProgress>() },

  /** Bundles this office made, newest first: sequence, counts, size, hash. */
  'hub.exports': { input: noInput, output: returns<HubExportEntry[]>() },

  /** Office keys registered at this hub, with where each office's chain stands. */
  'hub.offices': { input: noInput, output: returns<RegisteredOfficeKey[]>() },

  /** Register (or replace) an office's public key at this hub. Audited. */
  'hub.registerOffice': { input: registerOfficeKeySchema, output: returns<RegisteredOfficeKey[]>() },

  /** Check a bundle without writing anything: every check's result in zh-CN. */
  'hub.verify': { input: bundleFileSchema, output: returns<HubVerification>() },

  /** Verify and merge a bundle in one transaction; a refused bundle leaves only its refusal in the history. Audited. */
  'hub.import': { input: bundleFileSchema, output: returns<HubImportEntry>() },

  /**
   * A bundle file chosen in the desktop's open dialog (null if cancelled), read by the main process when verified or
   * imported by its token: 200 MB never cross from the window as base64. Browser mode uploads with hub.verify/import.
   */
  'hub.chooseBundle': { input: noInput, output: returns<ChosenBundle | null>() },

  /** hub.verify of the chosen file. */
  'hub.verifyChosen': { input: chosenBundleSchema, output: returns<HubVerification>() },

  /** hub.import of the chosen file. Audited. */
  'hub.importChosen': { input: chosenBundleSchema, output: returns<HubImportEntry>() },

  /** Bundles offered to this hub, merged or refused, newest first. */
  'hub.imports': { input: noInput, output: returns<HubImportEntry[]>() }
} as const
