/** Random tokens, constant-time comparison and the opaque user value of the ping answer. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: session ids and CSRF tokens (256 bits, unguessable). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that the
 * comparison neither leaks the length nor throws on different lengths.
 */
export function safeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The `user` field of the ping answer: stable for one user (so the element resumes saved
 * work only for the same person), but neither the name nor guessable from it (an HMAC
 * with a secret the browser never sees), so it leaks no personal data into page storage.
 */
export function opaqueUser(secret: string | Buffer, user: string): string {
  return createHmac('sha256', secret).update(user).digest('base64url');
}
