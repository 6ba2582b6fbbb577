/*
 * Who stands in each generated case, as party rows the intake service would
 * store: one or two applicants and respondents, sometimes a third party or
 * an agent (a lawyer or relative acting for the applicant). Organisations
 * stand where the dispute type puts them (the employer in a wage dispute,
 * the property company, the shop, the clinic). Parties come back: a property
 * company meets many owners, a lawyer many clients, a neighbour returns, so
 * about 15% of links reuse an earlier record rather than make a new one.
 */
import type { PartyRole } from '../../../shared/domain/party'
import type { PartyRow } from '../db/schema'
import type { Company, PeopleFactory } from './seed-people'
import { iso, type Rng, seededUuidv7, Weighted } from './seed-random'
import { CLINIC_KINDS, LAW_FIRMS, OCCUPATIONS, PROPERTY_COMPANY_WORDS, ROADS, SHOP_KINDS } from './seed-vocabulary'

export interface PartyLink {
  party: PartyRow
  isNew: boolean
  role: PartyRole
  /** Index (in this case's links) of the party an agent acts for. */
  actsFor: number | null
}

type OrgKind = 'employer' | 'property' | 'shop' | 'clinic' | 'travel' | 'general'

/** Chance that a case's respondent (or, second number, applicant) is an organisation, by dispute type. */
const ORG_SIDE: Readonly<Record<string, readonly [number, number, OrgKind]>> = {
  labour: [0.8, 0, 'employer'],
  property_mgmt: [0.5, 0.5, 'property'],
  consumer: [0.9, 0, 'shop'],
  production: [0.5, 0.4, 'general'],
  contract: [0.3, 0.2, 'general'],
  medical: [0.9, 0, 'clinic'],
  environment: [0.8, 0, 'general'],
  tourism: [0.9, 0, 'travel'],
  ip: [0.7, 0.5, 'general'],
  internet: [0.5, 0, 'general'],
  damages: [0.15, 0, 'shop'],
  traffic: [0.1, 0, 'general']
}

/** How often an organisation of this kind is one already on file (few property companies, many employers). */
const ORG_REUSE: Readonly<Record<OrgKind, number>> = {
  property: 0.85,
  clinic: 0.6,
  travel: 0.7,
  employer: 0.35,
  shop: 0.3,
  general: 0.3
}
const PERSON_REUSE = 0.07
const RECENT_PEOPLE = 30_000
const occupations = new Weighted(OCCUPATIONS)

export class PartyMaker {
  readonly #rng: Rng
  readonly #people: PeopleFactory
  readonly #orgs = new Map<OrgKind, PartyRow[]>()
  readonly #orgByName = new Map<string, PartyRow>()
  readonly #recent: PartyRow[] = []
  #recentNext = 0
  readonly #lawyers: PartyRow[] = []

  constructor(rng: Rng, people: PeopleFactory) {
    this.#rng = rng
    this.#people = people
  }

  forCase(type: string, township: string, village: string, at: number): PartyLink[] {
    const rng = this.#rng
    const [respondentOrg, applicantOrg, orgKind] = ORG_SIDE[type] ?? [0.05, 0, 'general']
    const links: PartyLink[] = []
    const used = new Set<string>()
    const add = (role: PartyRole, found: { party: PartyRow; isNew: boolean }, actsFor: number | null = null) => {
      if (used.has(found.party.id)) return
      used.add(found.party.id)
      links.push({ ...found, role, actsFor })
    }
    const side = (orgChance: number) =>
      rng.chance(orgChance) ? this.#organisation(orgKind, township, village, at) : this.#person(township, village, at)

    add('applicant', side(applicantOrg))
    if (rng.chance(0.08)) add('applicant', this.#person(township, village, at))
    add('respondent', side(applicantOrg > 0 && links[0].party.kind === 'organisation' ? 0 : respondentOrg))
    if (rng.chance(0.1)) add('respondent', this.#person(township, village, at))
    // A respondent may be the same record as the applicant (a reused one): always keep two sides.
    if (!links.some((l) => l.role === 'respondent')) add('respondent', this.#newPerson(township, village, at))
    if (rng.chance(0.04)) add('third_party', this.#person(township, village, at))
    if (rng.chance(0.1)) add('agent', this.#agent(township, village, at), 0)

    // A worker's employer is the company they dispute with.
    if (type === 'labour' && links[0].isNew && links[0].party.kind === 'person') {
      const employer = links.find((l) => l.role === 'respondent' && l.party.kind === 'organisation')
      if (employer) links[0].party.employer = employer.party.name
    }
    return links
  }

  #person(township: string, village: string, at: number): { party: PartyRow; isNew: boolean } {
    if (this.#recent.length > 1000 && this.#rng.chance(PERSON_REUSE)) {
      return { party: this.#rng.pick(this.#recent), isNew: false }
    }
    return this.#newPerson(township, village, at)
  }

  #newPerson(township: string, village: string, at: number): { party: PartyRow; isNew: boolean } {
    const rng = this.#rng
    const p = this.#people.person()
    const migrant = p.idNumber !== null && !p.idNumber.startsWith('3303')
    const address = rng.chance(0.8) ? `${township}${village}${rng.between(1, 300)}号${migrant ? '（租住）' : ''}` : null
    const party = this.#row(at, {
      kind: 'person',
      name: p.name,
      id_type: p.idNumber ? 'resident_id' : null,
      id_number: p.idNumber,
      birth_date: p.idNumber ? p.birthDate : null,
      gender: p.idNumber ? p.gender : null,
      ethnicity: p.ethnicity !== '汉族' || rng.chance(0.6) ? p.ethnicity : null,
      phone: p.phone,
      address,
      occupation: rng.chance(0.6) ? occupations.pick(rng) : null
    })
    if (this.#recent.length < RECENT_PEOPLE) this.#recent.push(party)
    else this.#recent[this.#recentNext++ % RECENT_PEOPLE] = party
    return { party, isNew: true }
  }

  /** Lawyers come back case after case; relatives act once. */
  #agent(township: string, village: string, at: number): { party: PartyRow; isNew: boolean } {
    const rng = this.#rng
    if (rng.chance(0.6)) {
      if (this.#lawyers.length >= 300 || (this.#lawyers.length > 20 && rng.chance(0.8))) {
        return { party: rng.pick(this.#lawyers), isNew: false }
      }
      const p = this.#people.person({ minorityShare: 0, withId: 1, withPhone: 1 })
      const lawyer = this.#row(at, {
        kind: 'person',
        name: p.name,
        id_type: 'resident_id',
        id_number: p.idNumber,
        birth_date: p.birthDate,
        gender: p.gender,
        phone: p.phone,
        occupation: '律师',
        employer: rng.pick(LAW_FIRMS)
      })
      this.#lawyers.push(lawyer)
      return { party: lawyer, isNew: true }
    }
    return this.#newPerson(township, village, at)
  }

  #organisation(kind: OrgKind, township: string, village: string, at: number): { party: PartyRow; isNew: boolean } {
    const rng = this.#rng
    const pool = this.#orgs.get(kind) ?? []
    this.#orgs.set(kind, pool)
    // Skewed towards the earliest: a few companies meet many disputes.
    if (pool.length > 5 && rng.chance(ORG_REUSE[kind])) {
      return { party: pool[Math.floor(pool.length * rng.float() ** 2)], isNew: false }
    }
    const company = this.#newCompany(kind, township)
    const known = this.#orgByName.get(company.name)
    if (known) return { party: known, isNew: false }
    const legal = this.#people.person({ minorityShare: 0 })
    const party = this.#row(at, {
      kind: 'organisation',
      name: company.name,
      phone: rng.chance(0.7) ? this.#people.landline() : this.#people.mobile(),
      address: rng.chance(0.5)
        ? `温州市瓯海区${township}${village}工业区${rng.between(1, 200)}号`
        : `温州市瓯海区${township}${rng.pick(ROADS)}${rng.between(1, 999)}号`,
      credit_code: company.creditCode,
      legal_representative: legal.name,
      contact_person: rng.chance(0.7) ? this.#people.person({ minorityShare: 0 }).name : null
    })
    pool.push(party)
    this.#orgByName.set(company.name, party)
    return { party, isNew: true }
  }

  #newCompany(kind: OrgKind, township: string): Company {
    const rng = this.#rng
    const people = this.#people
    const place = `瓯海区${township.replace(/(街道|镇)$/, '')}`
    switch (kind) {
      case 'property':
        return people.company(rng.pick(PROPERTY_COMPANY_WORDS))
      case 'shop':
        return people.business(`${place}${people.tradeName()}${rng.pick(SHOP_KINDS)}`)
      case 'clinic':
        return people.business(`${place}${people.tradeName()}${rng.pick(CLINIC_KINDS)}`)
      case 'travel':
        return people.company('旅行社')
      default:
        return people.company()
    }
  }

  #row(at: number, columns: Partial<PartyRow> & Pick<PartyRow, 'kind' | 'name'>): PartyRow {
    const when = iso(at)
    return {
      id: seededUuidv7(at, this.#rng),
      id_type: null,
      id_number: null,
      birth_date: null,
      gender: null,
      ethnicity: null,
      phone: null,
      address: null,
      occupation: null,
      employer: null,
      credit_code: null,
      legal_representative: null,
      contact_person: null,
      ...columns,
      created_at: when,
      updated_at: when,
      version: 1
    }
  }
}
