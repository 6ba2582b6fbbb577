/*
 * Writes resources/templates/roster-template.xlsx, the blank roster an office
 * downloads to fill in: the same writer as a roster export with no
 * mediators, so the template and what the importer accepts cannot drift.
 * Its 填写说明 lists the district's reference offices and dispute types;
 * chambers are added by each installation, so none are listed.
 * Run with `npx tsx scripts/make-roster-template.ts` after changing the layout.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import officesFile from '../resources/reference/offices.json' with { type: 'json' }
import disputeTypesFile from '../resources/reference/dispute-types.json' with { type: 'json' }
import { writeRosterXlsx, type RosterReference } from '../electron/main/services/roster-xlsx'

const root = path.resolve(import.meta.dirname, '..')
const target = path.join(root, 'resources', 'templates', 'roster-template.xlsx')

const reference: RosterReference = {
  offices: [officesFile.district, ...officesFile.sub_centers, officesFile.chamber_center].map(({ code, name }) => ({
    code,
    name
  })),
  disputeTypes: disputeTypesFile.types.map(({ code, label }) => ({ code, label })),
  chambers: []
}

const data = await writeRosterXlsx([], reference)
mkdirSync(path.dirname(target), { recursive: true })
writeFileSync(target, data)
console.log(`已生成 ${path.relative(root, target)}（${data.length} 字节）`)
