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
  /**
   * Rows checked and merged at once: enough for four 500-row statements, few enough that a batch's parsed rows
   * (≈ 2 MB) die in V8's young generation. At 20,000 they outlived it and were copied to the old one: checking a
   * bundle of 2.9 M rows took 26–31 s with 1.1 M page faults, at 2,000 20–22 s with 0.8 M.
   */
  batchRows: 2_000,
  maxRatio: 200
}

/** A size in MB with one decimal, as the refusals of a too-large bundle give it. */
export const megabytes = (bytes: number): string => (bytes / 1024 ** 2).toFixed(1)
