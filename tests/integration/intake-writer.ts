/*
 * The child process of the crash test: registers and accepts cases as fast
 * as it can on the store named in argv, printing `committed <id> <number>`
 * only after each change's transaction has returned, until it is killed.
 */
import { registerCaseSchema } from '../../shared/domain/case-input'
// The intake services alone, not the whole table: the roster's spreadsheet and name libraries would slow every start.
import { acceptCase, registerCase } from '../../electron/main/services/cases'
import { startApp } from '../../electron/main/startup'
import { registration } from '../support/intake-fixtures'

const databasePath = process.argv[2]
const app = await startApp({ databasePath, shell: 'harness', log: { error: () => {}, info: () => {} } })
process.stdout.write('ready\n')
for (let n = 0; ; n++) {
  const registered = await registerCase(
    app.ctx,
    registerCaseSchema.parse(registration({ summary: `断电测试第${n}件，邻里通道堆放杂物引发纠纷` }))
  )
  const accepted = await acceptCase(app.ctx, { caseId: registered.id })
  process.stdout.write(`committed ${accepted.id} ${accepted.caseNumber}\n`)
}
