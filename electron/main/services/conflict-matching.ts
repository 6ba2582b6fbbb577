/*
 * Guards the conflict-of-interest check: does any party of a case match
 * someone a mediator declared a relation with (DESIGN §3.2)? The same person
 * or organisation written differently (full-width letters, traditional
 * characters, 有限责任公司 for 有限公司, a clerk's 'Wang Wei' for 王伟) must
 * be found; two different people who merely share a name and carry different
 * ID numbers must not. Pure functions: the caller loads the roster and parties.
 */
// The traditional → simplified build only: a tenth of the full package, all this check needs.
import * as OpenCC from 'opencc-js/t2cn'
import { pinyin } from 'pinyin-pro'
import { CONFLICT_RELATION_LABELS, type DeclaredConflict } from '../../../shared/domain/mediator'

export interface PartyIdentityForMatch {
  name: string
  kind: 'person' | 'organisation'
  idNumber: string | null
  creditCode: string | null
}

export type ConflictMatchReason = 'id_number' | 'credit_code' | 'same_name' | 'same_name_pinyin'

export interface ConflictMatch {
  conflict: DeclaredConflict
  party: PartyIdentityForMatch
  reason: ConflictMatchReason
  /** zh-CN, shown as a warning and as the reason a mediator cannot take the case. */
  message: string
}

type Kind = PartyIdentityForMatch['kind']

// Middle dots of minority and foreign names, typed with whatever the input method offers.
const DOTS = /[·•・‧∙⋅･]/g
// Quotes come along when a name is pasted from a document.
const QUOTES = /[“”‘’"'「」『』]/g
const OPENING_BRACKETS = /[(（[［【〔〖{｛<《〈]/g
const CLOSING_BRACKETS = /[)）\]］】〕〗}｝>》〉]/g

/*
 * Traditional → simplified. Hong Kong and Taiwan variants differ (衞/衛,
 * 着/著), so both converters run: simplified text passes through unchanged.
 * The dictionaries are large, hence built on first use, not at import.
 */
let toSimplified: ((text: string) => string) | null = null

function simplify(text: string): string {
  if (!toSimplified) {
    const fromHongKong = OpenCC.Converter({ from: 'hk', to: 'cn' })
    const fromTaiwan = OpenCC.Converter({ from: 'tw', to: 'cn' })
    toSimplified = (value) => fromTaiwan(fromHongKong(value))
  }
  return toSimplified(text)
}

/**
 * The form two spellings of one name share: NFKC (full-width → half-width),
 * no spaces, dots or quotes, lowercase Latin, simplified Chinese, one kind of
 * bracket, and the company-form variants of one organisation made equal.
 */
export function normalizeName(name: string): string {
  const plain = simplify(name.normalize('NFKC').replace(/\s+/g, '').replace(DOTS, '').replace(QUOTES, '').toLowerCase())
    .replace(OPENING_BRACKETS, '(')
    .replace(CLOSING_BRACKETS, ')')
  // 股份有限公司 stays distinct from 有限公司: a different legal form, usually a different company.
  return (
    plain
      // The registry accepts both for the same legal form; clerks write whichever they remember.
      .replace(/有限责任公司/g, '有限公司')
      // 集团 is a decoration in front of the company form: 某某(集团)有限公司 ≡ 某某集团有限公司 ≡ 某某有限公司.
      .replace(/\(集团\)/g, '')
      .replace(/集团(?=(?:股份)?有限公司|公司)/g, '')
  )
}

// Endings and words that only organisations carry; a person named like this is not a realistic worry.
const ORGANISATION_WORDS =
  /(公司|有限|集团|厂|商店|商行|门市部|经营部|合作社|合伙|中心|委员会|村委|居委|事务所|研究所|医院|卫生院|诊所|学校|学院|大学|中学|小学|幼儿园|协会|商会|联合会|基金会|工作室|银行|超市|酒店|饭店|宾馆|政府|办事处|管理局|管理处|俱乐部|农场)/
const LATIN_ORGANISATION_WORDS = /\b(co|company|corp|corporation|inc|ltd|limited|llc|gmbh|group|bank)\b/i

/** Guessed from the name alone: true only when it carries an organisation word. */
function looksLikeOrganisation(name: string): boolean {
  return ORGANISATION_WORDS.test(normalizeName(name)) || LATIN_ORGANISATION_WORDS.test(name.normalize('NFKC'))
}

/**
 * A name written in Latin letters only, as a clerk types a name she heard or
 * copies from a passport: 'Wang Wei', 'WANG  wei', 'wang-wei'. Returns the
 * letters, or null when anything else is in the name.
 */
function latinLetters(name: string): string | null {
  const letters = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.\-'’]+/g, '')
    .replace(DOTS, '')
  return /^[a-zü]+$/.test(letters) ? foldU(letters) : null
}

// ü is typed as u, v or ü; fold them so 'Lv Bu', 'Lü Bu' and 'Lu Bu' all meet 吕布.
function foldU(letters: string): string {
  return letters.replace(/[üv]/g, 'u')
}

function hanSyllables(name: string, surname: 'head' | 'off'): string | null {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname, v: false, nonZh: 'consecutive' })
  // A character pinyin-pro does not know comes back as itself: no key rather than half a key.
  if (syllables.length === 0 || !syllables.every((syllable) => /^[a-zü]+$/.test(syllable))) return null
  return foldU(syllables.join(''))
}

function isHanName(normalised: string): boolean {
  return /^\p{Script=Han}+$/u.test(normalised)
}

/**
 * Every key a person's name may be written as in Latin letters. Surnames are
 * read as surnames (单 shan, 曾 zeng) but the ordinary reading is kept too: a
 * clerk typing from hearing may use either.
 */
function pinyinKeys(name: string): Set<string> {
  const latin = latinLetters(name)
  if (latin) return new Set(looksLikeOrganisation(name) ? [] : [latin])
  const normalised = normalizeName(name)
  if (!isHanName(normalised) || looksLikeOrganisation(name)) return new Set()
  const keys = [hanSyllables(normalised, 'head'), hanSyllables(normalised, 'off')]
  return new Set(keys.filter((key): key is string => key !== null))
}

/**
 * Toneless pinyin of a person's name ('王伟' → 'wangwei'), or the letters of
 * a name typed in Latin ('Wang Wei', 'WANG  wei', 'wangwei' → 'wangwei').
 * Null for what looks like an organisation and for names mixing scripts or
 * digits: there is no reliable reading of those.
 */
export function namePinyinKey(name: string): string | null {
  const latin = latinLetters(name)
  if (latin) return looksLikeOrganisation(name) ? null : latin
  const normalised = normalizeName(name)
  if (!isHanName(normalised) || looksLikeOrganisation(name)) return null
  return hanSyllables(normalised, 'head')
}

// NFKC turns full-width digits and Ｘ into ASCII; the check character is written either case.
function normaliseCode(code: string | null): string | null {
  const cleaned = code?.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
  return cleaned ? cleaned : null
}

/**
 * What a declared relation is. The roster form does not ask, so identifiers
 * decide, then organisation words; null when nothing tells, and then the
 * name is compared whatever the party is (a miss is worse than a question).
 */
function declaredKind(conflict: DeclaredConflict): Kind | null {
  const idNumber = normaliseCode(conflict.idNumber)
  const creditCode = normaliseCode(conflict.creditCode)
  if (idNumber && !creditCode) return 'person'
  if (creditCode && !idNumber) return 'organisation'
  return looksLikeOrganisation(conflict.name) ? 'organisation' : null
}

interface Verdict {
  reason: ConflictMatchReason
  pinyinKey?: string
}

function compare(conflict: DeclaredConflict, party: PartyIdentityForMatch): Verdict | null {
  const ids = [normaliseCode(conflict.idNumber), normaliseCode(party.idNumber)]
  const codes = [normaliseCode(conflict.creditCode), normaliseCode(party.creditCode)]
  if (ids[0] && ids[0] === ids[1]) return { reason: 'id_number' }
  if (codes[0] && codes[0] === codes[1]) return { reason: 'credit_code' }
  // Two different identifiers are two different people (or organisations), however alike the names.
  if ((ids[0] && ids[1]) || (codes[0] && codes[1])) return null

  const kind = declaredKind(conflict)
  if (kind !== null && kind !== party.kind) return null

  const declaredName = normalizeName(conflict.name)
  if (declaredName !== '' && declaredName === normalizeName(party.name)) return { reason: 'same_name' }

  if (party.kind !== 'person' || kind === 'organisation') return null
  /*
   * Pinyin only when one side is in Latin letters: 王伟 and 王玮 are both
   * 'wangwei' but two people, and the characters already tell them apart.
   * 'Wang Wei' cannot tell them apart, so it matches both: without tones a
   * Latin name may be either, and a question for the clerk beats a mediator
   * sitting on a relative's case.
   */
  if (latinLetters(conflict.name) === null && latinLetters(party.name) === null) return null
  const partyKeys = pinyinKeys(party.name)
  for (const key of pinyinKeys(conflict.name)) {
    if (partyKeys.has(key)) return { reason: 'same_name_pinyin', pinyinKey: key }
  }
  return null
}

function describe(
  conflict: DeclaredConflict,
  party: PartyIdentityForMatch & { roleLabel: string },
  verdict: Verdict
): string {
  // The declared name is repeated only when it is written differently: it tells the clerk what was matched.
  const declaredName = conflict.name.trim() === party.name.trim() ? '' : `“${conflict.name.trim()}”`
  const subject = `${party.roleLabel}“${party.name.trim()}”与该调解员申报的利害关系人${declaredName}（${CONFLICT_RELATION_LABELS[conflict.relation]}）`
  const isOrganisation = party.kind === 'organisation'
  switch (verdict.reason) {
    case 'id_number':
      return `${subject}身份证件号码相同`
    case 'credit_code':
      return `${subject}统一社会信用代码相同`
    case 'same_name':
      return `${subject}${isOrganisation ? '名称' : '姓名'}相同，请核实是否为同一${isOrganisation ? '单位' : '人'}`
    case 'same_name_pinyin':
      return `${subject}姓名拼音相同（${verdict.pinyinKey}），请核实是否为同一人`
  }
}

/**
 * Every (party, declared relation) pair that is, or may be, the same person
 * or organisation, in party order then declaration order. Each pair is
 * reported once, by its strongest evidence (ID, credit code, name, pinyin).
 */
export function findConflicts(
  conflicts: DeclaredConflict[],
  parties: Array<PartyIdentityForMatch & { roleLabel: string }>
): ConflictMatch[] {
  const matches: ConflictMatch[] = []
  for (const party of parties) {
    for (const conflict of conflicts) {
      const verdict = compare(conflict, party)
      if (verdict)
        matches.push({ conflict, party, reason: verdict.reason, message: describe(conflict, party, verdict) })
    }
  }
  return matches
}
