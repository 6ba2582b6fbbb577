/*
 * Money rule: formatted cents read back to the same cents, typed amounts are
 * read exactly (checked against BigInt arithmetic), and each refusal has its
 * own message.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCents, parseYuan } from './money'

const MAX_CENTS = 10 ** 13

describe('formatCents', () => {
  it('writes yuan with thousands separators and always two decimals', () => {
    expect(formatCents(123456)).toBe('1,234.56')
    expect(formatCents(5)).toBe('0.05')
    expect(formatCents(100)).toBe('1.00')
    expect(formatCents(0)).toBe('0.00')
    expect(formatCents(99_999)).toBe('999.99')
    expect(formatCents(100_000)).toBe('1,000.00')
    expect(formatCents(MAX_CENTS)).toBe('100,000,000,000.00')
    expect(formatCents(-123456)).toBe('-1,234.56')
  })

  it('agrees with the zh-CN number format for every amount', () => {
    const format = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX_CENTS) }), (cents) => {
        // Intl formats a decimal string exactly, so the oracle never goes through a float division.
        const decimal = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`
        expect(formatCents(Number(cents))).toBe(format.format(decimal as `${number}`))
      })
    )
  })

  it('refuses fractions of a cent and unsafe integers', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError)
    expect(() => formatCents(Number.NaN)).toThrow(RangeError)
    expect(() => formatCents(2 ** 53)).toThrow(RangeError)
  })
})

describe('parseYuan', () => {
  it('reads back every formatted amount from 0 to 10^12 cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
        expect(parseYuan(formatCents(cents))).toEqual({ ok: true, cents })
      }),
      { numRuns: 5000 }
    )
  })

  it('reads plain amounts with 0, 1 or 2 decimals exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 99_999_999_999n }),
        fc.constantFrom('', '.d', '.dd'),
        fc.nat(99),
        (yuan, shape, fraction) => {
          const decimals =
            shape === '' ? '' : shape === '.d' ? String(fraction % 10) : String(fraction).padStart(2, '0')
          const text = decimals === '' ? String(yuan) : `${yuan}.${decimals}`
          const expected = yuan * 100n + BigInt(decimals.padEnd(2, '0') || '0')
          expect(parseYuan(text)).toEqual({ ok: true, cents: Number(expected) })
        }
      )
    )
  })

  it('reads the forms clerks type', () => {
    expect(parseYuan('1234')).toEqual({ ok: true, cents: 123400 })
    expect(parseYuan('1,234.5')).toEqual({ ok: true, cents: 123450 })
    expect(parseYuan('1234.56')).toEqual({ ok: true, cents: 123456 })
    expect(parseYuan('¥1,234.56')).toEqual({ ok: true, cents: 123456 })
    expect(parseYuan('￥ 1,234.56 元')).toEqual({ ok: true, cents: 123456 })
    expect(parseYuan('  0.01 ')).toEqual({ ok: true, cents: 1 })
    expect(parseYuan('0')).toEqual({ ok: true, cents: 0 })
    expect(parseYuan('007.5')).toEqual({ ok: true, cents: 750 })
    expect(parseYuan('100000000000')).toEqual({ ok: true, cents: MAX_CENTS })
  })

  it('does not lose a cent where floating point would', () => {
    // parseFloat(x) * 100 gives 114.99999999999999, 434.99999999999994, 2009.9999999999998.
    expect(parseYuan('1.15')).toEqual({ ok: true, cents: 115 })
    expect(parseYuan('4.35')).toEqual({ ok: true, cents: 435 })
    expect(parseYuan('20.1')).toEqual({ ok: true, cents: 2010 })
  })

  it('asks for an amount when there is none', () => {
    expect(parseYuan('')).toEqual({ ok: false, message: '请输入金额' })
    expect(parseYuan('   ')).toEqual({ ok: false, message: '请输入金额' })
    expect(parseYuan('¥')).toEqual({ ok: false, message: '请输入金额' })
  })

  it('refuses negative amounts', () => {
    for (const text of ['-5', '-0.01', '¥-5', '－5']) {
      expect(parseYuan(text)).toEqual({ ok: false, message: '金额不能为负数' })
    }
  })

  it('refuses fractions of a cent', () => {
    for (const text of ['1.234', '0.001', '1,234.567']) {
      expect(parseYuan(text)).toEqual({ ok: false, message: '金额最多精确到分（两位小数）' })
    }
  })

  it('refuses amounts above 10^13 cents', () => {
    for (const text of ['100000000000.01', '100,000,000,001', '1' + '0'.repeat(30)]) {
      expect(parseYuan(text)).toEqual({ ok: false, message: '金额过大' })
    }
  })

  it('refuses anything that is not an amount', () => {
    for (const text of [
      'abc',
      '1.2.3',
      '12,34',
      '1,2345',
      ',123',
      '1.',
      '.5',
      '1e3',
      '+5',
      '1 234',
      '１２３',
      '0x10'
    ]) {
      expect(parseYuan(text), text).toEqual({ ok: false, message: '请输入有效金额，如 1,234.56' })
    }
  })
})
