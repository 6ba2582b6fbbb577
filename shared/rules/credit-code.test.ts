/*
 * Unified social credit code rule: generated valid codes pass, every
 * single-character change is either a warning (wrong check character) or a
 * refusal (character outside the alphabet), never a silent pass. The check is
 * tested against the GB 32100 definition (weighted sum including the check
 * ≡ 0 mod 31, weights 3^i mod 31), not against the code's weight table.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCreditCode, creditCodeCheckChar } from './credit-code'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WARNING = '统一社会信用代码校验位不符，请核对营业执照；确认无误可继续保存'
const ALPHABET_MESSAGE = '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）'

function satisfiesMod31(code: string): boolean {
  let sum = 0
  for (let i = 0; i < 18; i++) {
    const weight = i === 17 ? 1 : 3 ** i % 31
    sum += ALPHABET.indexOf(code[i]) * weight
  }
  return sum % 31 === 0
}

const first17Arb = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 })
  .map((chars) => chars.join(''))

/**
 * Mostly shaped like real codes (authority 1–9/A–Y, category, six-digit
 * region such as Ouhai's 330304, nine-character organisation code), plus
 * fully random ones so that every character value reaches every position.
 */
const realisticFirst17Arb = fc
  .tuple(
    fc.constantFrom('1', '5', '9', 'Y'),
    fc.constantFrom('1', '2', '3', '9'),
    fc.constantFrom('330304', '330300', '330000', '110105'),
    fc.array(fc.constantFrom(...ALPHABET), { minLength: 9, maxLength: 9 })
  )
  .map(([authority, category, region, org]) => authority + category + region + org.join(''))

const validCodeArb = fc.oneof(first17Arb, realisticFirst17Arb).map((first17) => first17 + creditCodeCheckChar(first17))

describe('creditCodeCheckChar', () => {
  it('gives the character that makes the weighted sum a multiple of 31', () => {
    fc.assert(
      fc.property(first17Arb, (first17) => {
        expect(satisfiesMod31(first17 + creditCodeCheckChar(first17))).toBe(true)
      })
    )
  })

  it('maps a remainder of 0 to 0 rather than to a 32nd character', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0')
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y')
    expect(creditCodeCheckChar('01000000000000000')).toBe('W')
  })

  it('refuses anything but 17 uppercase code characters', () => {
    expect(() => creditCodeCheckChar('9133030400000000')).toThrow(RangeError)
    expect(() => creditCodeCheckChar('9133030400000000I')).toThrow(RangeError)
    expect(() => creditCodeCheckChar('9133030400000000a')).toThrow(RangeError)
  })
})

describe('checkCreditCode, generated codes', () => {
  it('accepts every valid code with a valid check character', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => {
        expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code, checkCharValid: true })
      }),
      { numRuns: 2000 }
    )
  })

  it('accepts lowercase and surrounding spaces, normalizing both', () => {
    fc.assert(
      fc.property(validCodeArb, fc.constantFrom('', ' ', '\t', '\u3000'), (code, pad) => {
        expect(checkCreditCode(pad + code.toLowerCase() + pad)).toEqual({
          ok: true,
          normalized: code,
          checkCharValid: true
        })
      })
    )
  })

  it('warns on every change of one character to another allowed character', () => {
    fc.assert(
      fc.property(validCodeArb, fc.nat(17), fc.nat(29), (code, position, pick) => {
        const others = [...ALPHABET].filter((char) => char !== code[position])
        const changed = code.slice(0, position) + others[pick % others.length] + code.slice(position + 1)
        expect(checkCreditCode(changed)).toEqual({
          ok: true,
          normalized: changed,
          checkCharValid: false,
          warning: WARNING
        })
      }),
      { numRuns: 3000 }
    )
  })

  it('refuses every change of one character to a character outside the alphabet', () => {
    const outside = [...'IOZSVioszv-_./*#中０']
    fc.assert(
      fc.property(validCodeArb, fc.nat(17), fc.constantFrom(...outside), (code, position, char) => {
        const changed = code.slice(0, position) + char + code.slice(position + 1)
        expect(checkCreditCode(changed)).toEqual({ ok: false, message: ALPHABET_MESSAGE })
      })
    )
  })

  it('warns when two different adjacent characters are swapped', () => {
    fc.assert(
      fc.property(validCodeArb, fc.nat(16), (code, position) => {
        fc.pre(code[position] !== code[position + 1])
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2)
        const result = checkCreditCode(swapped)
        expect(result.ok && result.checkCharValid).toBe(false)
      })
    )
  })
})

describe('checkCreditCode, messages', () => {
  const valid = (first17: string) => first17 + creditCodeCheckChar(first17)
  const refuses = (value: string, message: string) => expect(checkCreditCode(value)).toEqual({ ok: false, message })

  it('asks for a code when there is none', () => {
    refuses('', '请输入统一社会信用代码')
    refuses('  ', '请输入统一社会信用代码')
  })

  it('refuses spaces inside the code', () => {
    refuses('91330304 MA2AB1234', '统一社会信用代码中间不能有空格')
  })

  it('wants 18 characters', () => {
    refuses('91330304MA2AB12', '统一社会信用代码应为18位')
    refuses(valid('91330304MA2AB1234') + '0', '统一社会信用代码应为18位')
    // A 9-character organisation code (GB 11714) is not a credit code.
    refuses('MA2AB1234', '统一社会信用代码应为18位')
  })

  it('refuses the letters the standard leaves out, and other characters', () => {
    refuses('91330304MA2AB123I' + '0', ALPHABET_MESSAGE)
    refuses('91330304MA2OB12340', ALPHABET_MESSAGE)
    refuses('91330304MA2AB1234中', ALPHABET_MESSAGE)
  })

  it('warns, but lets the clerk keep, a code whose check character does not match', () => {
    const code = valid('91330304MA2AB1234')
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    expect(checkCreditCode(wrong)).toEqual({ ok: true, normalized: wrong, checkCharValid: false, warning: WARNING })
    expect(checkCreditCode(code)).toEqual({ ok: true, normalized: code, checkCharValid: true })
  })
})
