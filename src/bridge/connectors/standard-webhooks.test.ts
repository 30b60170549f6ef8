import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parseSecrets, secretListProblem, signatureHeader } from './standard-webhooks.js';

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('Standard Webhooks signatures', () => {
  it('are accepted by the independent standardwebhooks verifier', () => {
    const key = secret();
    const body = '{"type":"salesorder.submitted","amount":1090.00}';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(parseSecrets(key), 'msg_1', timestamp, body),
    };
    expect(new Webhook(key).verify(body, headers)).toEqual({ type: 'salesorder.submitted', amount: 1090 });
  });

  it('carry one signature per secret while a key is rotated, each verifiable alone', () => {
    const [oldKey, newKey] = [secret(), secret()];
    const body = '{}';
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signatureHeader(parseSecrets(`${oldKey} ${newKey}`), 'msg_2', timestamp, body);
    expect(signature.split(' ')).toHaveLength(2);
    for (const key of [oldKey, newKey]) {
      const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
      expect(new Webhook(key).verify(body, headers)).toEqual({});
    }
  });

  it('fail verification when the body is changed', () => {
    const key = secret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_3',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(parseSecrets(key), 'msg_3', timestamp, '{"a":1}'),
    };
    expect(() => new Webhook(key).verify('{"a":2}', headers)).toThrow();
  });

  it('refuse malformed secrets with a reason', () => {
    expect(secretListProblem('not-a-secret')).toMatch(/whsec_/);
    expect(secretListProblem('whsec_c2hvcnQ=')).toMatch(/16 bytes/);
    expect(secretListProblem('   ')).toMatch(/at least one/);
    expect(secretListProblem(secret())).toBeUndefined();
  });
});
