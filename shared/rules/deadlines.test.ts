import { describe, expect, it } from 'vitest'
import library from '../../node_modules/chinese-days/dist/chinese-days.json' with { type: 'json' }
import {
  DEADLINE_DEFAULTS,
  acceptanceDue,
  caseDeadlines,
  confirmationDue,
  factsBeforeAcceptance,
  followUpDue,
  mediationDue,
  nextDue,
  urgencyOf,
  type CaseDeadlineFacts,
  type ReferralKind
} from './deadlines'
import { isoWeekday, makeWorkingCalendar, type ScheduledDay } from './working-days'

// The State Council's schedules as the chinese-days package ships them (2004–2026).
const days: ScheduledDay[] = [
  ...Object.entries(library.holidays).map(([date, label]) => ({
    date,
    kind: 'holiday' as const,
    name: String(label).split(',')[1]
  })),
  ...Object.entries(library.workdays).map(([date, label]) => ({
    date,
    kind: 'adjusted_workday' as const,
    name: String(label).split(',')[1]
  }))
]
const calendar = makeWorkingCalendar(days, new Set(days.map((d) => Number(d.date.slice(0, 4)))))
const settings = DEADLINE_DEFAULTS

describe('the mediation limit: calendar days from acceptance, a last day on a rest day runs to the next working day', () => {
  it.each<[string, ReferralKind, string, string]>([
    ['month end: 31 Jan + 30 days is 2 Mar (a Monday)', 'none', '2026-01-31', '2026-03-02'],
    ['leap year: 30 Jan 2024 + 30 days is 29 Feb', 'none', '2024-01-30', '2024-02-29'],
    ['ending on National Day runs to the first working day after the holiday', 'none', '2026-09-01', '2026-10-08'],
    ['ending on a 调休 Saturday stays there: it is a working day', 'none', '2026-01-29', '2026-02-28'],
    ['across New Year 2026: 31 Dec 2025 + 30 days is Fri 30 Jan', 'none', '2025-12-31', '2026-01-30'],
    [
      'a year the schedule lacks falls back to weekends: Sat 30 Jan 2027 runs to Mon 1 Feb',
      'none',
      '2026-12-31',
      '2027-02-01'
    ],
    ['court-referred before filing (委派): 30 days', 'court_pre_filing', '2026-01-31', '2026-03-02'],
    [
      'court-referred after filing (委托): 15 days, ending in the National Day holiday',
      'court_post_filing',
      '2026-09-20',
      '2026-10-08'
    ],
    ['simple procedure: 7 days, ending on a Saturday, runs to Monday', 'court_simple', '2026-11-07', '2026-11-16']
  ])('%s', (_, kind, acceptedOn, expected) => {
    expect(mediationDue(calendar, acceptedOn, kind, settings)).toBe(expected)
  })

  it('uses the configured days', () => {
    expect(mediationDue(calendar, '2026-11-02', 'none', { ...settings, mediationDays: 45 })).toBe('2026-12-17')
    expect(mediationDue(calendar, '2026-11-02', 'court_simple', { ...settings, courtSimpleDays: 3 })).toBe('2026-11-05')
  })
})

describe('the decision on acceptance: working days from registration', () => {
  it.each([
    ['over the Spring Festival: the 调休 Saturday counts, the holiday does not', '2026-02-13', '2026-02-25'],
    ['into National Day: the 调休 Saturday after it is the third working day', '2026-09-30', '2026-10-10'],
    ['over an ordinary weekend', '2026-11-27', '2026-12-02']
  ])('%s', (_, registeredOn, expected) => {
    expect(acceptanceDue(calendar, registeredOn, settings)).toBe(expected)
  })
})

describe('windows after the agreement takes effect', () => {
  it('judicial confirmation: 30 calendar days, rest-day rule', () => {
    expect(confirmationDue(calendar, '2026-09-01', settings)).toBe('2026-10-08')
    expect(confirmationDue(calendar, '2026-11-27', settings)).toBe('2026-12-28')
    expect(isoWeekday('2026-12-27')).toBe(7)
  })

  it('follow-up: N calendar days (default 30), rest-day rule', () => {
    expect(followUpDue(calendar, '2026-11-27', settings)).toBe('2026-12-28')
    expect(followUpDue(calendar, '2026-11-27', { ...settings, followUpDays: 10 })).toBe('2026-12-07')
  })
})

const base: CaseDeadlineFacts = factsBeforeAcceptance('registered', '2026-11-02', null)

describe("a case's deadlines through its life", () => {
  it('registered: only the decision on acceptance is due', () => {
    const list = caseDeadlines(base, settings, calendar)
    expect(list).toMatchObject([{ kind: 'acceptance', dueOn: '2026-11-05', counting: 'working', state: 'open' }])
    expect(nextDue(list)?.kind).toBe('acceptance')
  })

  it('accepted: the acceptance is met, mediation is due; an extension replaces the due date', () => {
    const accepted = { ...base, status: 'accepted', decidedOn: '2026-11-03', acceptedOn: '2026-11-03' }
    const list = caseDeadlines(accepted, settings, calendar)
    expect(list.map((d) => [d.kind, d.state, d.dueOn])).toEqual([
      ['acceptance', 'met', '2026-11-05'],
      ['mediation', 'open', '2026-12-03']
    ])
    const extended = caseDeadlines({ ...accepted, extensions: ['2026-12-20', '2027-01-10'] }, settings, calendar)
    expect(extended[1]).toMatchObject({ dueOn: '2027-01-10', extended: true })
  })

  it('a court-referred case under the simple procedure has 7 days', () => {
    const list = caseDeadlines(
      {
        ...base,
        status: 'in_mediation',
        decidedOn: '2026-11-07',
        acceptedOn: '2026-11-07',
        referralKind: 'court_simple'
      },
      settings,
      calendar
    )
    expect(list[1]).toMatchObject({ kind: 'mediation', dueOn: '2026-11-16', days: 7, counting: 'calendar' })
  })

  it('agreement: mediation met; confirmation, performance of each term and the follow-up due; earliest first', () => {
    const facts: CaseDeadlineFacts = {
      ...base,
      status: 'agreement',
      decidedOn: '2026-11-03',
      acceptedOn: '2026-11-03',
      mediationEndedOn: '2026-11-20',
      agreement: {
        effectiveOn: '2026-11-20',
        seeksConfirmation: true,
        terms: [
          { id: 't1', number: 1, dueOn: '2026-11-25', performedOn: '2026-11-24' },
          { id: 't2', number: 2, dueOn: '2026-12-10', performedOn: null }
        ]
      }
    }
    const list = caseDeadlines(facts, settings, calendar)
    expect(list.map((d) => [d.kind, d.termNumber, d.state, d.dueOn])).toEqual([
      ['acceptance', null, 'met', '2026-11-05'],
      ['mediation', null, 'met', '2026-12-03'],
      ['confirmation', null, 'open', '2026-12-21'],
      ['performance', 1, 'met', '2026-11-25'],
      ['performance', 2, 'open', '2026-12-10'],
      ['follow_up', null, 'open', '2026-12-21']
    ])
    expect(nextDue(list)).toMatchObject({ kind: 'performance', termNumber: 2 })
    // An agreement performed on the spot needs no follow-up visit to be due.
    const performed = caseDeadlines(
      { ...facts, agreement: { ...facts.agreement!, seeksConfirmation: false, terms: [facts.agreement!.terms[0]] } },
      settings,
      calendar
    )
    expect(performed.map((d) => d.kind)).toEqual(['acceptance', 'mediation', 'performance'])
    expect(nextDue(performed)).toBeNull()
  })

  it('closed: whatever was not met is closed, nothing is due', () => {
    const list = caseDeadlines(
      { ...base, status: 'closed', decidedOn: '2026-11-03', acceptedOn: '2026-11-03', closedOn: '2026-11-10' },
      settings,
      calendar
    )
    expect(list.map((d) => d.state)).toEqual(['met', 'closed'])
    expect(nextDue(list)).toBeNull()
  })
})

describe('urgency', () => {
  const open = { state: 'open' as const, dueOn: '2026-11-30' }
  it.each([
    ['2026-11-30', 7, 'due_soon'],
    ['2026-12-01', 7, 'overdue'],
    ['2026-11-23', 7, 'due_soon'],
    ['2026-11-22', 7, 'later']
  ])('on %s (within %i days) a deadline due 30 Nov is %s', (today, within, expected) => {
    expect(urgencyOf(open, today, within)).toBe(expected)
  })
  it('a met deadline is done, however late', () => {
    expect(urgencyOf({ state: 'met', dueOn: '2026-01-01' }, '2026-11-30', 7)).toBe('done')
  })
})
