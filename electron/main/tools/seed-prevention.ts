/*
 * The generator's prevention rows: each registering sub-center's grids (one
 * per village), the patrol reports its grid workers file, and the key-person
 * register with its log, as the services would have written them
 * (services/patrols, services/prevention). A patrol finds most disputes that
 * come in as grid reports or patrol finds and passes them on to intake (the
 * report links the case); between cases the workers patrol and find nothing,
 * or settle a quarrel on the spot. A red-risk case now and then puts its
 * applicant on the key-person register, reviewed at the level's interval
 * (shared/rules/key-persons.ts) until the dispute has settled.
 */
import { chinaDateTime } from '../../../shared/rules/china-time'
import { DEFAULT_REVIEW_INTERVALS, nextReviewOn } from '../../../shared/rules/key-persons'
import type { CaseRow } from '../db/schema'
import { isOpenStatus } from '../services/case-search-office'
import type { GridTable, PatrolReportTable } from '../db/schema-prevention'
import type { KeyPersonLogTable, KeyPersonTable } from '../db/schema-key-persons'
import type { PartyLink } from './seed-parties'
import type { PeopleFactory } from './seed-people'
import { chinaDay, DAY, HOUR, iso, MINUTE, type Rng, seededUuidv7 } from './seed-random'
import type { SeedOffice } from './seed-roster'
import { VILLAGES } from './seed-vocabulary'

export interface PreventionRows {
  grids: GridTable[]
  patrols: PatrolReportTable[]
  keyPersons: KeyPersonTable[]
  keyPersonLogs: KeyPersonLogTable[]
}

export const PREVENTION_KEYS = ['grids', 'patrols', 'keyPersons', 'keyPersonLogs'] as const

/** Sources of a case a patrol may have found; most of them come with the patrol's report. */
const FOUND_ON_PATROL = new Set(['grid_report', 'patrol'])
const ROUTINE_FINDINGS = [
  '对辖区住户、商铺逐户走访，未发现矛盾纠纷',
  '排查邻里、婚姻家庭、土地承包等矛盾，未发现新的纠纷苗头',
  '走访重点户和出租房，情况稳定，未发现纠纷',
  '巡查在建工地和农贸市场，未发现劳资、摊位纠纷'
]
const SETTLED_ON_SPOT: ReadonlyArray<readonly [string, string]> = [
  ['两户因排水沟堵塞发生口角', '网格员现场劝导，双方同意共同疏通，握手言和'],
  ['相邻楼道堆放杂物引发争执', '当场协调清理杂物，双方表示满意'],
  ['装修噪音引发邻里争吵', '说明施工时间规定，业主承诺午休和夜间停工，对方认可'],
  ['菜地边界种植引发小争执', '会同村干部现场指认边界，双方认可']
]
const LEVEL_REASONS = [
  '多次扬言采取过激行为，情绪不稳定',
  '纠纷久拖未决，有上访苗头',
  '组织多名工友讨薪，可能引发群体性事件',
  '家庭矛盾激化，需持续关注其心理状况'
]
const CLOSE_REASONS = ['矛盾已化解，情绪稳定，解除管控', '协议已履行完毕，经评估解除管控']
const REVIEW_NOTES = ['上门走访，情绪平稳', '电话回访，本人表示按协议履行', '会同村干部走访，未发现异常']

interface OfficeGrids {
  office: SeedOffice
  /** Grid code by village. */
  codes: Map<string, string>
  reporters: Array<{ name: string; phone: string | null }>
}

export class PreventionMaker {
  readonly #rng: Rng
  readonly #end: number
  readonly #actor: { id: string; displayName: string }
  readonly #byOffice = new Map<string, OfficeGrids>()
  /** Persons already on the register, by party id and ID number (the app refuses a second active entry). */
  readonly #registered = new Set<string>()
  #gridsWritten = false

  constructor(
    rng: Rng,
    people: PeopleFactory,
    end: number,
    actor: { id: string; displayName: string },
    offices: readonly SeedOffice[]
  ) {
    this.#rng = rng
    this.#end = end
    this.#actor = actor
    for (const office of offices) {
      const villages = office.kind === 'town_street_center' && office.township ? VILLAGES[office.township] : undefined
      if (!villages) continue
      const code = office.code.toUpperCase()
      const codes = new Map(villages.map((village, i) => [village, `${code}-${String(i + 1).padStart(3, '0')}`]))
      const reporters = Array.from({ length: Math.min(8, villages.length) }, () => {
        const person = people.person({ withId: 0 })
        return { name: person.name, phone: person.phone }
      })
      this.#byOffice.set(office.id, { office, codes, reporters })
    }
  }

  /** Every grid, in the first batch: the offices' grid lists are in place before their first patrol. */
  grids(out: PreventionRows, at: number): void {
    if (this.#gridsWritten) return
    this.#gridsWritten = true
    for (const { office, codes } of this.#byOffice.values()) {
      for (const [village, code] of codes) {
        out.grids.push({
          id: seededUuidv7(at, this.#rng),
          code,
          office_id: office.id,
          township: office.township!,
          village,
          name: `${village}网格`,
          active: 1,
          created_at: iso(at),
          updated_at: iso(at),
          version: 1
        })
      }
    }
  }

  /**
   * The patrols around one case (registered at `reg` at the office that registered it): the report that found it,
   * when it came from a patrol, and the routine patrols of the village's grid since the case before.
   */
  patrols(row: CaseRow, reg: number, links: readonly PartyLink[], out: PreventionRows): void {
    const grids = this.#byOffice.get(row.registered_office_id)
    const code = grids?.codes.get(row.place_village ?? '')
    if (!grids || !code) return
    const rng = this.#rng
    const report = (
      at: number,
      fields: Pick<
        PatrolReportTable,
        'findings' | 'disputes_found' | 'parties' | 'handling' | 'handling_note' | 'case_id'
      >
    ) => {
      const reporter = rng.pick(grids.reporters)
      out.patrols.push({
        id: seededUuidv7(at, rng),
        office_id: grids.office.id,
        grid_code: code,
        reporter_name: reporter.name,
        reporter_phone: reporter.phone,
        patrolled_at: chinaDateTime(new Date(at)),
        place: `${row.place_township}${row.place_village}`,
        created_by: this.#actor.id,
        created_at: iso(at),
        updated_at: iso(at),
        version: 1,
        ...fields
      })
    }
    for (let n = rng.int(3); n > 0; n--) {
      const at = reg - rng.between(1, 20) * DAY + rng.between(0, 8) * HOUR
      if (rng.chance(0.15)) {
        const [findings, note] = rng.pick(SETTLED_ON_SPOT)
        report(at, {
          findings,
          disputes_found: 1,
          parties: '[]',
          handling: 'on_spot',
          handling_note: note,
          case_id: null
        })
      } else {
        report(at, {
          findings: rng.pick(ROUTINE_FINDINGS),
          disputes_found: 0,
          parties: '[]',
          handling: 'none',
          handling_note: null,
          case_id: null
        })
      }
    }
    if (FOUND_ON_PATROL.has(row.source) && rng.chance(0.8)) {
      const parties = links
        .filter((link) => link.role === 'applicant' || link.role === 'respondent')
        .map((link) => ({ name: link.party.name, role: link.role, phone: link.party.phone, idNumber: null }))
      report(reg - rng.between(30, 600) * MINUTE, {
        findings: row.summary.slice(0, 200),
        disputes_found: 1,
        parties: JSON.stringify(parties),
        handling: 'passed_on',
        handling_note: '已移交受理窗口登记',
        case_id: row.id
      })
    }
  }

  /**
   * Now and then a red-risk case's applicant goes on the register soon after registration, and is reviewed at the
   * level's interval: closed once the dispute has ended and three months have passed, active (and due) otherwise.
   */
  keyPerson(row: CaseRow, reg: number, links: readonly PartyLink[], out: PreventionRows): void {
    const rng = this.#rng
    if (row.risk_level !== 'red' || !rng.chance(0.5)) return
    const link = links.find((l) => l.role === 'applicant' && l.party.kind === 'person')
    if (!link) return
    const party = link.party
    const keys = [party.id, ...(party.id_number ? [party.id_number] : [])]
    if (keys.some((k) => this.#registered.has(k))) return
    const at = reg + rng.between(1, 48) * HOUR
    if (at > this.#end) return
    for (const k of keys) this.#registered.add(k)

    const level = rng.chance(0.6) ? 'red' : 'yellow'
    const levelReason = rng.pick(LEVEL_REASONS)
    const id = seededUuidv7(at, rng)
    const log = (
      when: number,
      kind: KeyPersonLogTable['kind'],
      note: string,
      onDate: string,
      next: string | null,
      toLevel: KeyPersonTable['level'] | null = null
    ) =>
      out.keyPersonLogs.push({
        id: seededUuidv7(when, rng),
        key_person_id: id,
        kind,
        at: iso(when),
        on_date: onDate,
        actor_id: this.#actor.id,
        actor_name: this.#actor.displayName,
        from_level: null,
        to_level: toLevel,
        note,
        next_review_on: next,
        created_at: iso(when),
        updated_at: iso(when),
        version: 1
      })
    let next = nextReviewOn(chinaDay(at), level, DEFAULT_REVIEW_INTERVALS)
    log(at, 'registered', levelReason, chinaDay(at), next, level)
    let version = 1
    let updated = at
    const settled = !isOpenStatus(row.status)
    const closeBy = at + 90 * DAY
    // Reviews at the interval, on time or a few days late, up to the register's last day.
    for (let reviews = 0; reviews < 12; reviews++) {
      const when = Date.parse(`${next}T10:00:00+08:00`) + rng.int(4) * DAY
      if (when > this.#end || (settled && when > closeBy)) break
      next = nextReviewOn(chinaDay(when), level, DEFAULT_REVIEW_INTERVALS)
      log(when, rng.chance(0.6) ? 'visit' : 'review', rng.pick(REVIEW_NOTES), chinaDay(when), next)
      version++
      updated = when
    }
    const closes = settled && closeBy <= this.#end
    let closeReason: string | null = null
    if (closes) {
      const when = Math.max(updated + DAY, closeBy)
      closeReason = rng.pick(CLOSE_REASONS)
      log(when, 'closed', closeReason, chinaDay(when), null)
      version++
      updated = when
    }
    out.keyPersons.push({
      id,
      party_id: party.id,
      office_id: row.handling_office_id,
      case_id: row.id,
      reason: link.isNew
        ? rng.pick(['escalation_risk', 'group_organiser', 'psychological_support'])
        : 'repeat_disputant',
      reason_note: null,
      level,
      level_reason: levelReason,
      responsible_user_id: null,
      responsible_name: this.#actor.displayName,
      next_review_on: next,
      status: closes ? 'closed' : 'active',
      close_reason: closeReason,
      registered_at: iso(at),
      registered_by: this.#actor.id,
      created_at: iso(at),
      updated_at: iso(updated),
      version
    })
  }
}
