/**
 * Signing per Standard Webhooks: `webhook-signature` is `v1,<base64 HMAC-SHA256>` of
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the base64 bytes after `whsec_`. While a key is
 * rotated a connector holds several secrets (space separated) and sends one signature per secret.
 */
import { createHmac } from 'node:crypto';

const PREFIX = 'whsec_';

export function parseSecrets(secretList: string): Buffer[] {
  return secretList
    .split(/\s+/)
    .filter((secret) => secret !== '')
    .map((secret) => {
      if (!secret.startsWith(PREFIX)) throw new Error('A webhook secret starts with whsec_.');
      const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
      if (key.length < 16) throw new Error('A webhook secret holds at least 16 bytes of base64 after whsec_.');
      return key;
    });
}

/** True when every secret in the list is well formed (checked when a connector is written). */
export function secretListProblem(secretList: string): string | undefined {
  try {
    if (parseSecrets(secretList).length === 0) return 'at least one whsec_ secret is needed';
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function signatureHeader(keys: readonly Buffer[], id: string, timestamp: number, body: string): string {
  const signed = `${id}.${timestamp}.${body}`;
  return keys.map((key) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`).join(' ');
}
