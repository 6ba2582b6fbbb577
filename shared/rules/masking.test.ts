import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { maskAddress, maskCreditCode, maskIdNumber, maskPersonName, maskPhone } from './masking'

describe('masking personal identifiers', () => {
  it('keeps the first three and last four digits of an ID number: no county, no birth date', () => {
    expect(maskIdNumber('330304199001011234')).toBe('330***********1234')
    expect(maskIdNumber('33030419900101123X')).toBe('330***********123X')
    expect(maskIdNumber(null)).toBeNull()
  })

  it('never shows the county code or the birth date of any ID number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id)!
        expect(masked).toHaveLength(18)
        expect(masked.slice(3, 14)).toBe('*'.repeat(11))
      })
    )
  })

  it('keeps the first three and last four digits of a phone, and the area code of a landline', () => {
    expect(maskPhone('13857712345')).toBe('138****2345')
    expect(maskPhone('0577-88881234')).toBe('0577-****1234')
  })

  it('keeps an address to its town-street', () => {
    expect(maskAddress('温州市瓯海区梧田街道南堡村12号')).toBe('温州市瓯海区梧田街道****')
    expect(maskAddress('瓯海区泽雅镇纸山村')).toBe('瓯海区泽雅镇****')
    expect(maskAddress('瓯海区梧田街道')).toBe('瓯海区梧田街道')
    expect(maskAddress('某某路88号3幢')).toBe('某某路88号****')
  })

  it('hides only the middle of a credit code, which names an organisation', () => {
    expect(maskCreditCode('91330304MA2H8K7P0X')).toBe('91330304******7P0X')
  })
})

describe('maskPersonName', () => {
  it('keeps the surname, compound surnames whole', () => {
    expect(maskPersonName('王芳')).toBe('王某')
    expect(maskPersonName('欧阳明华')).toBe('欧阳某')
    expect(maskPersonName('司马光')).toBe('司马某')
    expect(maskPersonName('欧阳')).toBe('欧某')
    expect(maskPersonName(null)).toBeNull()
  })
})
