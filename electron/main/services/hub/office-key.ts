/*
 * The office's Ed25519 signing key: made once (first export, or on request),
 * kept in a file beside the database that only this user may read (mode
 * 0600), its private half additionally sealed through the key protector port
 * when the desktop shell offers one. The public key and its fingerprint are
 * what Settings shows and what the hub registers.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from '../../../../shared/validation'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { activeProtector, protectorFor } from './key-protector'
import { besideStore } from '../../paths'

export interface OfficeKey {
  privateKey: KeyObject
  publicKeyPem: string
  fingerprint: string
  protection: 'safe_storage' | 'user_file'
  createdAt: string
}

const keyFileSchema = z.strictObject({
  format: z.literal('mcd-office-signing-key'),
  protection: z.enum(['safe_storage', 'user_file']),
  publicKeyPem: z.string(),
  /** base64 of the protected PKCS#8 DER private key. */
  privateKey: z.string(),
  createdAt: z.string()
})

/** `<database>.office-key.json` beside the store: a copied database without it cannot sign as the office. */
export function keyFilePath(ctx: AppContext): string {
  const dbPath = ctx.runtime.databasePath
  return besideStore(dbPath, '.office-key.json')
}

/** `sha256:` + hex of the SubjectPublicKeyInfo DER bytes: the same on both sides whatever the PEM's line breaks. */
export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return `sha256:${createHash('sha256').update(der).digest('hex')}`
}

export function loadOfficeKey(ctx: AppContext): OfficeKey | null {
  const file = keyFilePath(ctx)
  if (!existsSync(file)) return null
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) throw new AppError('INTERNAL', `本机签名密钥文件已损坏：${file}`)
  const stored = parsed.data
  const der = protectorFor(stored.protection).unprotect(Buffer.from(stored.privateKey, 'base64'))
  return {
    privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    publicKeyPem: stored.publicKeyPem,
    fingerprint: fingerprintOf(stored.publicKeyPem),
    protection: stored.protection,
    createdAt: stored.createdAt
  }
}

/** The existing key, or a new one written atomically with mode 0600. A key is never replaced silently. */
export function ensureOfficeKey(ctx: AppContext): { key: OfficeKey; created: boolean } {
  const existing = loadOfficeKey(ctx)
  if (existing) return { key: existing, created: false }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const protector = activeProtector()
  const createdAt = ctx.clock.now().toISOString()
  const der = privateKey.export({ type: 'pkcs8', format: 'der' })
  const content = JSON.stringify({
    format: 'mcd-office-signing-key',
    protection: protector.kind,
    publicKeyPem,
    privateKey: protector.protect(der).toString('base64'),
    createdAt
  })
  const file = keyFilePath(ctx)
  const temp = `${file}.tmp`
  writeFileSync(temp, content, { mode: 0o600, flag: 'wx' })
  chmodSync(temp, 0o600)
  renameSync(temp, file)
  return {
    key: { privateKey, publicKeyPem, fingerprint: fingerprintOf(publicKeyPem), protection: protector.kind, createdAt },
    created: true
  }
}
