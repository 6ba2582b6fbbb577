/* Row types of the hub tables (docs/hub-bundle.md): export and import histories and registered office keys. */

/** One bundle this office made; its sequence and hash are what the next bundle chains to. */
export interface HubExportTable {
  id: string
  sequence: number
  kind: 'incremental' | 'full'
  policy: 'full' | 'masked'
  /** Change-log range covered: (from_seq, to_seq]. */
  from_seq: number
  to_seq: number
  /** JSON: { file: { rows, tombstones } }. */
  counts: string
  size_bytes: number
  sha256: string
  file_name: string
  key_fingerprint: string
  created_at: string
  created_by: string
}

/** An office's public key registered at the hub, and where its chain of bundles stands. */
export interface HubOfficeKeyTable {
  id: string
  office_id: string
  office_code: string
  fingerprint: string
  public_key_pem: string
  registered_at: string
  registered_by: string
  last_sequence: number
  last_bundle_sha256: string | null
  last_imported_at: string | null
}

/** Every bundle offered to the hub, merged or refused, with the verification report. */
export interface HubImportTable {
  id: string
  imported_at: string
  imported_by: string
  file_name: string
  bundle_sha256: string
  size_bytes: number
  office_code: string | null
  sequence: number | null
  status: 'accepted' | 'refused'
  reason: string | null
  /** JSON MergeCounts, null when refused. */
  merged: string | null
  /** JSON HubVerification. */
  verification: string
}

export interface HubTables {
  hub_exports: HubExportTable
  hub_office_keys: HubOfficeKeyTable
  hub_imports: HubImportTable
}
