/*
 * Passwords are kept only as scrypt hashes (Node's crypto), each with its own
 * random salt, so equal passwords never share a hash and a copied database
 * does not give the passwords away cheaply.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_LENGTH = 64
// N = 2^15: about 50–100 ms per check on an office PC — slow for guessing, quick enough for signing in.
const OPTIONS = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, OPTIONS, (error, key) => (error ? reject(error) : resolve(key)))
  )
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16)
  return { hash: (await derive(password, salt)).toString('hex'), salt: salt.toString('hex') }
}

export async function verifyPassword(password: string, hash: string, salt: string): Promise<boolean> {
  const expected = Buffer.from(hash, 'hex')
  const actual = await derive(password, Buffer.from(salt, 'hex'))
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
