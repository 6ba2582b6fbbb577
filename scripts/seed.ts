/*
 * `npm run seed -- --db FILE --cases N [--seed S] [--until YYYY-MM-DD] [--office CODE]`:
 * a new case store filled with a generated register of N cases (see
 * electron/main/tools/seed.ts), with progress and the time it took.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { seedDatabase } from '../electron/main/tools/seed'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    until: { type: 'string' },
    office: { type: 'string' }
  }
})

if (!values.db) {
  console.error('用法：npm run seed -- --db 文件 --cases 件数 [--seed 种子] [--until YYYY-MM-DD] [--office 组织代码]')
  process.exit(2)
}
const cases = Number(values.cases.replace(/[_,]/g, ''))
const seed = Number(values.seed)
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed)) {
  console.error('--cases 和 --seed 须为正整数')
  process.exit(2)
}

const report = await seedDatabase({
  dbPath: path.resolve(values.db),
  cases,
  seed,
  until: values.until,
  office: values.office,
  log: (line) => console.log(line)
})
console.log(
  [
    `完成：${report.cases.toLocaleString('en-US')} 件案件，${report.parties.toLocaleString('en-US')} 名当事人` +
      `（案件当事人关联 ${report.caseParties.toLocaleString('en-US')} 条，其中沿用已有当事人 ` +
      `${((100 * report.reusedPartyLinks) / report.caseParties).toFixed(1)}%），` +
      `案件事件 ${report.events.toLocaleString('en-US')} 条，承办指派 ${report.assignments.toLocaleString('en-US')} 条，` +
      `调解员 ${report.mediators} 人`,
    `用时 ${report.seconds.toFixed(1)} 秒；文件 ${(report.bytes / 1024 ** 2).toFixed(0)} MB：${report.dbPath}`,
    `种子 ${report.seed}，数据截至 ${report.until}。批量写入的案件未逐条写审计日志和变更日志，只写了一条汇总审计记录。`
  ].join('\n')
)
