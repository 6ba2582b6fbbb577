/*
 * The conflict check as a table: the same person or organisation written
 * differently is found, near misses (王玮 for 王伟, another 王伟 with another
 * ID, a sister company) are not, and the zh-CN message names the party's role
 * and the declared relation.
 */
import { describe, expect, it } from 'vitest'
import type { DeclaredConflict } from '../../../shared/domain/mediator'
import { findConflicts, namePinyinKey, normalizeName, type ConflictMatchReason } from './conflict-matching'

type TestParty = Parameters<typeof findConflicts>[1][number]

const ID_A = '330304199001011234'
const ID_B = '330304198505054321'
const ID_X_UPPER = '33030419900101123X'
const CODE_A = '91330304MA2H1X2Y3Q'
const CODE_B = '91330304MA2H9Z8W7E'

function declared(name: string, extra: Partial<DeclaredConflict> = {}): DeclaredConflict {
  return { name, idNumber: null, creditCode: null, relation: 'relative', note: null, ...extra }
}

function person(name: string, idNumber: string | null = null, roleLabel = '申请人'): TestParty {
  return { name, kind: 'person', idNumber, creditCode: null, roleLabel }
}

function organisation(name: string, creditCode: string | null = null, roleLabel = '被申请人'): TestParty {
  return { name, kind: 'organisation', idNumber: null, creditCode, roleLabel }
}

describe('normalizeName', () => {
  it.each([
    ['full-width Latin letters and digits', 'ＡＢＣ科技有限公司１号', 'abc科技有限公司1号'],
    ['spaces of every width', ' 王　伟 ', '王伟'],
    ['middle dot ·', '阿依古丽·买买提', '阿依古丽买买提'],
    ['bullet •', '阿依古丽•买买提', '阿依古丽买买提'],
    ['katakana dot ・', '阿依古丽・买买提', '阿依古丽买买提'],
    ['hyphenation point ‧', '阿依古丽‧买买提', '阿依古丽买买提'],
    ['traditional characters', '溫州市甌海區華僑貿易有限公司', '温州市瓯海区华侨贸易有限公司'],
    ['Hong Kong variant 衞', '衞國強', '卫国强'],
    ['有限责任公司 → 有限公司', '温州市瓯海区某某贸易有限责任公司', '温州市瓯海区某某贸易有限公司'],
    ['（集团） dropped', '浙江某某（集团）有限公司', '浙江某某有限公司'],
    ['(集团) dropped', '浙江某某(集团)有限公司', '浙江某某有限公司'],
    ['集团 before the company form dropped', '浙江某某集团有限公司', '浙江某某有限公司'],
    ['集团 before 股份有限公司 dropped', '浙江某某集团股份有限公司', '浙江某某股份有限公司'],
    ['股份有限公司 kept', '浙江某某股份有限公司', '浙江某某股份有限公司'],
    ['brackets unified', '温州某某【瓯海】商行（普通合伙）', '温州某某(瓯海)商行(普通合伙)'],
    ['Latin lowercased, spaces removed', 'Wang  WEI', 'wangwei'],
    ['pasted quotes removed', '“温州市甲贸易有限公司”', '温州市甲贸易有限公司']
  ])('%s', (_title, input, expected) => {
    expect(normalizeName(input)).toBe(expected)
  })
})

describe('namePinyinKey', () => {
  it.each<[string, string, string | null]>([
    ['a Han name', '王伟', 'wangwei'],
    ['a different Han name with the same toneless pinyin', '王玮', 'wangwei'],
    ['Latin with a space', 'Wang Wei', 'wangwei'],
    ['Latin in capitals with two spaces', 'WANG  wei', 'wangwei'],
    ['Latin run together', 'wangwei', 'wangwei'],
    ['full-width Latin', 'Ｗａｎｇ Ｗｅｉ', 'wangwei'],
    ['a surname read as a surname', '单雄信', 'shanxiongxin'],
    ['ü folded to u', '吕布', 'lubu'],
    ['Latin v for ü folded to u', 'Lv Bu', 'lubu'],
    ['a name with a middle dot', '阿依古丽·买买提', 'ayigulimaimaiti'],
    ['traditional characters', '王偉', 'wangwei'],
    ['an organisation', '温州市甲贸易有限公司', null],
    ['an organisation in Latin', 'ABC Trading Co Ltd', null],
    ['mixed scripts', '王A伟', null],
    ['digits', '王伟2', null],
    ['empty', '  ', null]
  ])('%s: %s', (_title, input, expected) => {
    expect(namePinyinKey(input)).toBe(expected)
  })
})

describe('findConflicts: one declared relation against one party', () => {
  const cases: Array<[string, DeclaredConflict, TestParty, ConflictMatchReason | null]> = [
    // Identifiers decide first.
    ['same ID, same name', declared('王伟', { idNumber: ID_A }), person('王伟', ID_A), 'id_number'],
    ['same ID, renamed party', declared('王伟', { idNumber: ID_A }), person('王维新', ID_A), 'id_number'],
    [
      'ID check character x vs X',
      declared('王伟', { idNumber: ID_X_UPPER.toLowerCase() }),
      person('王伟', ID_X_UPPER),
      'id_number'
    ],
    [
      'ID with spaces and full-width digits',
      declared('王伟', { idNumber: '３３０３０４ 199001011234' }),
      person('王伟', ID_A),
      'id_number'
    ],
    [
      'same credit code, lowercase typed',
      declared('某某公司', { creditCode: CODE_A.toLowerCase() }),
      organisation('温州某某有限公司', CODE_A),
      'credit_code'
    ],
    ['王伟 vs 王伟 with different IDs', declared('王伟', { idNumber: ID_A }), person('王伟', ID_B), null],
    ['王伟 vs 王玮 with different IDs', declared('王伟', { idNumber: ID_A }), person('王玮', ID_B), null],
    [
      'same company name, different credit codes',
      declared('温州市甲贸易有限公司', { creditCode: CODE_A }),
      organisation('温州市甲贸易有限公司', CODE_B),
      null
    ],
    ['different IDs also stop the pinyin match', declared('Wang Wei', { idNumber: ID_A }), person('王伟', ID_B), null],
    // Names when at most one side carries the identifier.
    ['王伟 without ID vs 王伟 with ID', declared('王伟'), person('王伟', ID_A), 'same_name'],
    ['王伟 with ID vs 王伟 without ID', declared('王伟', { idNumber: ID_A }), person('王伟'), 'same_name'],
    ['王伟 vs 王玮, no IDs', declared('王伟'), person('王玮'), null],
    ['full-width ＡＢＣ', declared('ＡＢＣ科技有限公司'), organisation('ABC科技有限公司'), 'same_name'],
    [
      '有限责任公司 vs 有限公司',
      declared('温州市瓯海区某某贸易有限责任公司'),
      organisation('温州市瓯海区某某贸易有限公司'),
      'same_name'
    ],
    ['（集团） vs none', declared('浙江某某（集团）有限公司'), organisation('浙江某某有限公司'), 'same_name'],
    ['集团 vs （集团）', declared('浙江某某集团有限公司'), organisation('浙江某某（集团）有限公司'), 'same_name'],
    ['股份有限公司 vs 有限公司', declared('浙江某某股份有限公司'), organisation('浙江某某有限公司'), null],
    [
      'traditional vs simplified',
      declared('溫州市甌海區華僑貿易有限公司'),
      organisation('温州市瓯海区华侨贸易有限公司'),
      'same_name'
    ],
    ['middle dot vs none', declared('阿依古丽·买买提'), person('阿依古丽买买提'), 'same_name'],
    ['two different companies', declared('温州市甲贸易有限公司'), organisation('温州市乙贸易有限公司'), null],
    [
      'a company and its branch',
      declared('温州市甲贸易有限公司'),
      organisation('温州市甲贸易有限公司瓯海分公司'),
      null
    ],
    ['Latin vs Latin differently spaced', declared('WANG  wei'), person('Wang Wei'), 'same_name'],
    // Pinyin only when one side is in Latin letters.
    ['Wang Wei vs 王伟', declared('Wang Wei'), person('王伟'), 'same_name_pinyin'],
    ['王伟 vs wangwei', declared('王伟'), person('wangwei'), 'same_name_pinyin'],
    ['Wang Wei vs 王玮: tones unknown, so a warning', declared('Wang Wei'), person('王玮'), 'same_name_pinyin'],
    ['Wang Wei vs 王伟 who has an ID: one side only', declared('Wang Wei'), person('王伟', ID_A), 'same_name_pinyin'],
    ['Dan Xiongxin vs 单雄信: ordinary reading kept', declared('Dan Xiongxin'), person('单雄信'), 'same_name_pinyin'],
    ['Wang Wei vs 王小伟', declared('Wang Wei'), person('王小伟'), null],
    // Person and organisation never match by name.
    ['organisation named like a person', declared('王伟', { idNumber: ID_A }), organisation('王伟'), null],
    ['person named like a company', declared('华侨贸易', { creditCode: CODE_A }), person('华侨贸易'), null],
    ['Latin organisation vs person by pinyin', declared('王伟'), organisation('Wangwei'), null],
    ['declared company vs person by pinyin', declared('温州市甲贸易有限公司'), person('Wenzhoushi Jia'), null],
    ['empty names never match', declared(' '), person(''), null]
  ]

  it.each(cases)('%s', (_title, conflict, party, expected) => {
    const matches = findConflicts([conflict], [party])
    expect(matches.map((match) => match.reason)).toEqual(expected === null ? [] : [expected])
    if (expected !== null) {
      expect(matches[0].conflict).toBe(conflict)
      expect(matches[0].party).toBe(party)
    }
  })
})

describe('findConflicts: messages', () => {
  it.each<[string, DeclaredConflict, TestParty, string]>([
    [
      'credit code, same name',
      declared('温州市鹿城区某某贸易有限公司', { creditCode: CODE_A, relation: 'client' }),
      organisation('温州市鹿城区某某贸易有限公司', CODE_A),
      '被申请人“温州市鹿城区某某贸易有限公司”与该调解员申报的利害关系人（委托人（客户））统一社会信用代码相同'
    ],
    [
      'ID number, renamed: the declared name is shown',
      declared('王伟', { idNumber: ID_A, relation: 'relative' }),
      person('王维新', ID_A),
      '申请人“王维新”与该调解员申报的利害关系人“王伟”（亲属）身份证件号码相同'
    ],
    [
      'person by name',
      declared('王伟', { relation: 'employer' }),
      person('王伟', ID_A, '第三人'),
      '第三人“王伟”与该调解员申报的利害关系人（任职单位）姓名相同，请核实是否为同一人'
    ],
    [
      'organisation by name, written differently',
      declared('溫州市甌海區華僑貿易有限公司', { relation: 'shareholder' }),
      organisation('温州市瓯海区华侨贸易有限公司'),
      '被申请人“温州市瓯海区华侨贸易有限公司”与该调解员申报的利害关系人“溫州市甌海區華僑貿易有限公司”（持股单位）名称相同，请核实是否为同一单位'
    ],
    [
      'pinyin',
      declared('王伟', { relation: 'other' }),
      person('Wang Wei', null, '代理人'),
      '代理人“Wang Wei”与该调解员申报的利害关系人“王伟”（其他利害关系）姓名拼音相同（wangwei），请核实是否为同一人'
    ]
  ])('%s', (_title, conflict, party, message) => {
    expect(findConflicts([conflict], [party]).map((match) => match.message)).toEqual([message])
  })
})

describe('findConflicts: several parties and declarations', () => {
  it('reports each pair once, by its strongest evidence, in party then declaration order', () => {
    const sameIdAndName = declared('王伟', { idNumber: ID_A })
    const wangWeiByName = declared('王伟', { relation: 'client' })
    const company = declared('温州市甲贸易有限责任公司', { relation: 'employer' })
    const stranger = declared('李四', { idNumber: ID_B })
    const applicant = person('王伟', ID_A)
    const respondent = organisation('温州市甲贸易有限公司', null)
    const thirdParty = person('张三', null, '第三人')

    const matches = findConflicts(
      [sameIdAndName, wangWeiByName, company, stranger],
      [applicant, respondent, thirdParty]
    )

    expect(matches.map((match) => [match.party.name, match.conflict, match.reason])).toEqual([
      ['王伟', sameIdAndName, 'id_number'],
      ['王伟', wangWeiByName, 'same_name'],
      ['温州市甲贸易有限公司', company, 'same_name']
    ])
  })

  it.each([
    ['no declarations', [], [person('王伟')]],
    ['no parties', [declared('王伟')], []]
  ])('finds nothing with %s', (_title, conflicts, parties) => {
    expect(findConflicts(conflicts, parties)).toEqual([])
  })
})
