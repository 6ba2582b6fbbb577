/*
 * Writes the built-in DOCX templates (resources/templates/) and the placeholder
 * catalogue (docs/templates.md) from the descriptions in
 * electron/main/services/documents/templates-*.ts. A test checks that the
 * committed files match, so run this after changing a description:
 *   npx tsx scripts/build-templates.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildTemplateDocx } from '../electron/main/services/documents/docx-writer'
import { TEMPLATES, templateCatalogue } from '../electron/main/services/documents/template-catalog'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const folder = path.join(root, 'resources', 'templates')
mkdirSync(folder, { recursive: true })
for (const definition of Object.values(TEMPLATES)) {
  writeFileSync(path.join(folder, definition.fileName), buildTemplateDocx(definition))
}
writeFileSync(path.join(root, 'docs', 'templates.md'), templateCatalogue())
console.log(`已写入 ${Object.keys(TEMPLATES).length} 个模板和 docs/templates.md`)
