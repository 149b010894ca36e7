import { createHash, randomBytes } from 'node:crypto';

/** Prefix of every secret generated here, so a leaked one is recognisable in logs and scanners. */
export const SECRET_PREFIX = 'oag_';

/** A new random secret: 32 bytes of entropy, URL-safe. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

/** The SHA-256 hex digest stored instead of the secret (the auth guard looks keys up by it). */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The last four characters, shown in lists so an operator can tell keys apart without the secret. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}
