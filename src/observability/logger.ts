/**
 * Structured JSON logs (pino). Credentials never reach them: authorization headers, tokens and secrets
 * are redacted wherever they appear in a logged object.
 */
import pino from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.authorization',
  '*.token',
  '*.accessToken',
  '*.AccessToken',
  '*.secret',
  '*.ol_secret',
  '*.webhookSecret',
  '*.adminToken',
  // People signing in (issue #14): passwords, their hashes and session cookies.
  'headers.cookie',
  '*.cookie',
  '*.password',
  '*.Password',
  '*.NewPassword',
  '*.CurrentPassword',
  '*.adminPassword',
  '*.passwordhash',
  '*.passwordHash',
  '*.sessionId',
  '*.oidcClientSecret',
  '*["set-cookie"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
