/*
 * Phone rule: however a valid mobile or landline is grouped, bracketed or
 * prefixed, one stored form comes out; near misses are refused with the
 * message that shows the expected form.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPhone } from './phone'

const MESSAGE = '请输入11位手机号码或带区号的固定电话（如 0577-88881234）'

const digits = (min: number, max = min) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''))

const separatorArb = fc.constantFrom('', ' ', '-', ' - ', '  ')

/**
 * Cuts a digit string into groups at random places and joins them with random
 * separators. Landlines are never cut before the last digit: '0577-8888123-4'
 * reads as extension 4, which is what a lone trailing digit after a hyphen means.
 */
function regroup(text: string, cutBeforeLast = true): fc.Arbitrary<string> {
  const lastCut = cutBeforeLast ? text.length : text.length - 1
  return fc
    .array(fc.tuple(fc.boolean(), separatorArb), { minLength: text.length - 1, maxLength: text.length - 1 })
    .map((cuts) =>
      [...text].map((char, i) => (i > 0 && i < lastCut && cuts[i - 1][0] ? cuts[i - 1][1] : '') + char).join('')
    )
}

const mobileArb = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`)

const THREE_DIGIT_AREAS = ['010', '020', '021', '022', '023', '024', '025', '027', '028', '029']

const landlineArb = fc.oneof(
  fc
    .tuple(fc.constantFrom(...THREE_DIGIT_AREAS), fc.integer({ min: 2, max: 9 }), digits(7))
    .map(([area, first, rest]) => ({ area, local: `${first}${rest}` })),
  fc
    .tuple(fc.integer({ min: 3, max: 9 }), digits(2), fc.integer({ min: 2, max: 9 }), digits(6, 7))
    .map(([a, b, first, rest]) => ({ area: `0${a}${b}`, local: `${first}${rest}` })),
  fc.constant({ area: '0577', local: '88881234' })
)

describe('checkPhone, mobiles', () => {
  it('accepts any grouping with spaces and hyphens, and an optional +86 or 86 in front', () => {
    fc.assert(
      fc.property(
        mobileArb.chain((mobile) =>
          fc.tuple(fc.constant(mobile), regroup(mobile), fc.constantFrom('', '+86', '86', '+86 ', '86-', '+86 - '))
        ),
        ([mobile, typed, prefix]) => {
          expect(checkPhone(prefix + typed)).toEqual({ ok: true, normalized: mobile, kind: 'mobile' })
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('accepts the usual ways of writing one', () => {
    for (const typed of ['13812345678', ' 138 1234 5678 ', '138-1234-5678', '+86 138 1234 5678', '8613812345678']) {
      expect(checkPhone(typed)).toEqual({ ok: true, normalized: '13812345678', kind: 'mobile' })
    }
  })

  it('refuses numbers that are not 11 digits starting 13–19', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), digits(9), (second, rest) => {
        expect(checkPhone(`1${second}${rest}`)).toEqual({ ok: false, message: MESSAGE })
      })
    )
    for (const typed of ['1381234567', '138123456789', '+87 13812345678', '+8613812345678x', '138--1234-5678']) {
      expect(checkPhone(typed)).toEqual({ ok: false, message: MESSAGE })
    }
  })
})

describe('checkPhone, landlines', () => {
  it('accepts any grouping, with or without brackets around the area code', () => {
    fc.assert(
      fc.property(
        landlineArb.chain(({ area, local }) =>
          fc.tuple(
            fc.constant(`${area}-${local}`),
            fc.oneof(
              regroup(area + local, false),
              fc.tuple(separatorArb, regroup(local, false)).map(([sep, typed]) => `${area}${sep}${typed}`),
              fc
                .tuple(
                  fc.constantFrom('(', '（'),
                  fc.constantFrom(')', '）'),
                  fc.constantFrom('', ' ', '-'),
                  regroup(local, false)
                )
                .map(([open, close, sep, typed]) => `${open}${area}${close}${sep}${typed}`)
            )
          )
        ),
        ([normalized, typed]) => {
          expect(checkPhone(typed)).toEqual({ ok: true, normalized, kind: 'landline' })
        }
      ),
      { numRuns: 1000 }
    )
  })

  it('keeps an extension given after a hyphen or a word', () => {
    fc.assert(
      fc.property(
        landlineArb,
        digits(1, 6),
        fc.constantFrom('-', ' - ', '转', ' 转 ', '分机', 'ext', 'EXT.', 'x', '#'),
        ({ area, local }, extension, mark) => {
          expect(checkPhone(`${area}-${local}${mark}${extension}`)).toEqual({
            ok: true,
            normalized: `${area}-${local}-${extension}`,
            kind: 'landline'
          })
        }
      )
    )
  })

  it('normalizes the examples of the form', () => {
    for (const typed of ['0577-88881234', '057788881234', '0577 8888 1234', '(0577)88881234', '（0577）8888-1234']) {
      expect(checkPhone(typed)).toEqual({ ok: true, normalized: '0577-88881234', kind: 'landline' })
    }
    expect(checkPhone('0577-8888123')).toEqual({ ok: true, normalized: '0577-8888123', kind: 'landline' })
    expect(checkPhone('010-62345678')).toEqual({ ok: true, normalized: '010-62345678', kind: 'landline' })
    expect(checkPhone('0577-88881234-8001')).toEqual({ ok: true, normalized: '0577-88881234-8001', kind: 'landline' })
    expect(checkPhone('0577-8888123-8001')).toEqual({ ok: true, normalized: '0577-8888123-8001', kind: 'landline' })
    expect(checkPhone('0577-8888123-4')).toEqual({ ok: true, normalized: '0577-8888123-4', kind: 'landline' })
    expect(checkPhone('0577-8888-1234')).toEqual({ ok: true, normalized: '0577-88881234', kind: 'landline' })
    expect(checkPhone('0577-88881234转8001')).toEqual({ ok: true, normalized: '0577-88881234-8001', kind: 'landline' })
  })

  it('refuses numbers without an area code or of the wrong length for it', () => {
    for (const typed of [
      '88881234', // no area code
      '010-6234567', // 3-digit area codes take 8 digits
      '021-623456789',
      '0577-888812', // 4-digit area codes take 7 or 8
      '0577-888812345',
      '026-62345678', // 026 is not in use
      '0177-8888123', // no 4-digit code starts 01
      '0577-08881234', // local numbers start with 2–9
      '0577-18881234',
      '(057)788881234', // the brackets must hold the whole area code
      '0577-88881234-1234567', // extensions are at most 6 digits
      '0577-88881234转',
      '0577/88881234'
    ]) {
      expect(checkPhone(typed), typed).toEqual({ ok: false, message: MESSAGE })
    }
  })
})

describe('checkPhone, messages', () => {
  it('asks for a number when there is none', () => {
    expect(checkPhone('')).toEqual({ ok: false, message: '请输入电话号码' })
    expect(checkPhone('   ')).toEqual({ ok: false, message: '请输入电话号码' })
  })

  it('shows the expected form for anything else, including very long input', () => {
    expect(checkPhone('张三')).toEqual({ ok: false, message: MESSAGE })
    expect(checkPhone('1'.repeat(41))).toEqual({ ok: false, message: MESSAGE })
    expect(checkPhone('1 '.repeat(30))).toEqual({ ok: false, message: MESSAGE })
  })
})
