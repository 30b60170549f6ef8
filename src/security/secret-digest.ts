/**
 * How a bearer secret (an access token, a session id) is stored: only its SHA-256, in hex. A read of the
 * table, a backup or a log of it reveals nothing that signs anyone in; the secret itself is shown once.
 */
import { createHash } from 'node:crypto';

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
