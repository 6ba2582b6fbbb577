/*
 * Labels that come straight from the reference files (never retyped): risk
 * levels. The codes are fixed here so the type system knows them; a test
 * checks they match the file.
 */
import disputeTypesFile from '../../resources/reference/dispute-types.json' with { type: 'json' }

export const RISK_LEVELS = ['red', 'yellow', 'green'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export const RISK_LEVEL_LABELS = Object.fromEntries(
  disputeTypesFile.risk_levels.map((level) => [level.code, level.label])
) as Record<RiskLevel, string>

/** What each colour asks of the office, from the reference file (English, for the tooltip's source). */
export const RISK_LEVEL_MEANINGS = Object.fromEntries(
  disputeTypesFile.risk_levels.map((level) => [level.code, level.meaning])
) as Record<RiskLevel, string>
