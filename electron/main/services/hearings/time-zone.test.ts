/* The clash rule and free slots give the same answers whatever zone the machine is set to (here in child processes). */
import { execFile } from 'node:child_process'
import { expect, it } from 'vitest'

const script = `
  import { chinaWallClock, checkHearing, findFreeSlots } from './shared/rules/hearing-clash.ts'
  import { makeWorkingCalendar } from './shared/rules/working-days.ts'
  const calendar = makeWorkingCalendar([], [2026])
  const hours = [{ start: '08:30', end: '12:00' }]
  const slots = findFreeSlots({ durationMinutes: 90, fromDate: '2026-03-28', notBefore: '2026-03-28T00:00', busy: [],
    blockedDates: new Set(), calendar, hours })
  const candidate = { startsAt: '2026-03-29T02:30', endsAt: '2026-03-29T03:30', roomId: null, roomName: null,
    roomCapacity: null, mediators: [], experts: [], parties: [] }
  const report = checkHearing({ candidate, others: [], leaves: [], calendar, hours })
  console.log(JSON.stringify([chinaWallClock(new Date('2026-03-29T01:30:00Z')), slots, report]))`

const run = (tz: string) =>
  new Promise<string>((resolve, reject) =>
    execFile('npx', ['tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: tz } }, (error, out) =>
      error ? reject(error) : resolve(out)
    )
  )

it('gives the same answers in zones west and east of China, one on a daylight-saving night', async () => {
  // 2026-03-29 02:30 does not exist in London (clocks go forward); the rule must not care.
  const answers = await Promise.all(['Europe/London', 'Pacific/Kiritimati'].map(run))
  expect(answers[0]).toBe(answers[1])
  const [wallClock, slots, report] = JSON.parse(answers[0])
  expect(wallClock).toBe('2026-03-29T09:30')
  expect(slots[0]).toEqual({ startsAt: '2026-03-30T08:30', endsAt: '2026-03-30T10:00' })
  expect(report.soft.map((c: { kind: string }) => c.kind)).toEqual(['rest_day', 'after_hours'])
}, 60_000)
