/*
 * What the hub takes from outside, and how it reads it (docs/hub-bundle.md
 * §6). The office's export refuses to make a bundle the hub would refuse.
 * Tests change the reading fields to run the hub's large-bundle path on
 * small bundles (hub-test-kit.ts).
 */
import { MAX_BUNDLE_BYTES } from '../../../../shared/domain/hub'

export const BUNDLE_LIMITS = {
  maxArchiveBytes: MAX_BUNDLE_BYTES,
  maxEntries: 64,
  // The import holds one file inflated at a time (two while the next inflates), not the whole bundle.
  maxInflatedBytes: 4 * 1024 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024 * 1024 - 1,
  keepInflatedBytes: 1024 * 1024 * 1024 - 1,
  /** Up to this declared size, the rows parsed by the checks are kept for the merge rather than parsed again. */
  keepParsedBytes: 256 * 1024 * 1024,
  /** Rows checked and merged at once: enough for set-sized statements, few enough to keep memory flat. */
  batchRows: 20_000,
  maxRatio: 200
}
