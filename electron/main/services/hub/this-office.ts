/* The office this installation serves: what a bundle is signed as. */
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { getSetting } from '../settings'

export interface ThisOffice {
  id: string
  code: string
  name: string
}

export async function findThisOffice(ctx: AppContext): Promise<ThisOffice | null> {
  const setting = await getSetting(ctx, { key: 'installation.officeId' })
  if (typeof setting.value !== 'string') return null
  const office = await ctx.db
    .selectFrom('offices')
    .select(['id', 'code', 'name'])
    .where('id', '=', setting.value)
    .executeTakeFirst()
  return office ?? null
}

export async function requireThisOffice(ctx: AppContext): Promise<ThisOffice> {
  const office = await findThisOffice(ctx)
  if (!office) throw new AppError('CONFLICT', '请先在“设置”中选择本机所属调解组织，数据包以该组织的名义签名')
  return office
}
