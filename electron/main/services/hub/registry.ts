/*
 * The hub's trust anchor: which public key signs for which office. Only an
 * administrator registers or replaces a key (a replaced key keeps the chain
 * position, so a new installation of the same office continues its chain
 * only after the hub has agreed to it).
 */
import { createPublicKey } from 'node:crypto'
import type { OfficeKeyInfo, OfficePublicKeyFile, RegisteredOfficeKey } from '../../../../shared/domain/hub'
import type { ParsedInput } from '../../../../shared/ipc-contract'
import { uuidv7 } from '../../../../shared/uuid'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { recordAuditOnly, writeChange } from '../write'
import { ensureOfficeKey, fingerprintOf, loadOfficeKey } from './office-key'
import { findThisOffice } from './this-office'

export async function officeKeyInfo(ctx: AppContext): Promise<OfficeKeyInfo | null> {
  const key = loadOfficeKey(ctx)
  if (!key) return null
  const office = await findThisOffice(ctx)
  return {
    officeId: office?.id ?? null,
    officeCode: office?.code ?? null,
    officeName: office?.name ?? null,
    fingerprint: key.fingerprint,
    publicKeyPem: key.publicKeyPem,
    protection: key.protection,
    createdAt: key.createdAt
  }
}

/** Make the office key if there is none yet (never replaces one). Audited when made. */
export async function generateOfficeKey(ctx: AppContext): Promise<OfficeKeyInfo> {
  const { key, created } = ensureOfficeKey(ctx)
  if (created) {
    await recordAuditOnly(ctx, 'hub.generateKey', [
      { entity: 'office_key', entityId: key.fingerprint, before: null, after: { fingerprint: key.fingerprint } }
    ])
  }
  return (await officeKeyInfo(ctx))!
}

/** The public key file an office hands to the hub. */
export async function publicKeyFile(ctx: AppContext): Promise<OfficePublicKeyFile> {
  const office = await findThisOffice(ctx)
  if (!office) throw new AppError('CONFLICT', '请先在“设置”中选择本机所属调解组织')
  const info = await generateOfficeKey(ctx)
  return {
    format: 'mcd-office-key',
    officeCode: office.code,
    officeName: office.name,
    fingerprint: info.fingerprint,
    publicKeyPem: info.publicKeyPem
  }
}

export async function listRegisteredOffices(ctx: AppContext): Promise<RegisteredOfficeKey[]> {
  const rows = await ctx.db
    .selectFrom('hub_office_keys')
    .innerJoin('offices', 'offices.id', 'hub_office_keys.office_id')
    .selectAll('hub_office_keys')
    .select(['offices.name as office_name', 'offices.sort_order'])
    .orderBy('offices.sort_order')
    .execute()
  return rows.map((r) => ({
    officeId: r.office_id,
    officeCode: r.office_code,
    officeName: r.office_name,
    fingerprint: r.fingerprint,
    registeredAt: r.registered_at,
    lastSequence: r.last_sequence,
    lastBundleSha256: r.last_bundle_sha256,
    lastImportedAt: r.last_imported_at
  }))
}

export async function registerOfficeKey(
  ctx: AppContext,
  input: ParsedInput<'hub.registerOffice'>
): Promise<RegisteredOfficeKey[]> {
  const office = await ctx.db
    .selectFrom('offices')
    .select(['id', 'code'])
    .where('id', '=', input.officeId)
    .executeTakeFirst()
  if (!office) throw new AppError('VALIDATION_FAILED', '所选调解组织不存在', { officeId: '所选调解组织不存在' })
  const fingerprint = ed25519Fingerprint(input.publicKeyPem)
  const now = ctx.clock.now().toISOString()
  await writeChange(ctx, 'hub.registerOffice', async (trx, record) => {
    const before = await trx
      .selectFrom('hub_office_keys')
      .selectAll()
      .where('office_id', '=', office.id)
      .executeTakeFirst()
    if (before) {
      const after = {
        fingerprint,
        public_key_pem: input.publicKeyPem,
        registered_at: now,
        registered_by: ctx.actor.displayName
      }
      await trx.updateTable('hub_office_keys').set(after).where('id', '=', before.id).execute()
      record({ entity: 'hub_office_keys', entityId: before.id, operation: 'update', version: 1, before, after })
    } else {
      const row = {
        id: uuidv7(),
        office_id: office.id,
        office_code: office.code,
        fingerprint,
        public_key_pem: input.publicKeyPem,
        registered_at: now,
        registered_by: ctx.actor.displayName,
        last_sequence: 0,
        last_bundle_sha256: null,
        last_imported_at: null
      }
      await trx.insertInto('hub_office_keys').values(row).execute()
      record({ entity: 'hub_office_keys', entityId: row.id, operation: 'insert', version: 1, after: row })
    }
  })
  return listRegisteredOffices(ctx)
}

/** The key's fingerprint, or a VALIDATION_FAILED naming the field when it is not an Ed25519 public key. */
function ed25519Fingerprint(pem: string): string {
  let type: string | undefined
  try {
    type = createPublicKey(pem).asymmetricKeyType
  } catch {
    throw new AppError('VALIDATION_FAILED', '公钥无法读取', { publicKeyPem: '公钥无法读取，请粘贴调解组织导出的公钥' })
  }
  if (type !== 'ed25519')
    throw new AppError('VALIDATION_FAILED', '不是 Ed25519 公钥', { publicKeyPem: '不是 Ed25519 公钥' })
  return fingerprintOf(pem)
}
