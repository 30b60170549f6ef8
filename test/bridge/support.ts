/**
 * What the bridge suites share: a server whose dispatcher retries fast, the integration switched on,
 * an integration user, orders with lines ready to submit, and connectors pointing at test receivers.
 */
import { randomBytes } from 'node:crypto';
import type { DispatcherOptions } from '../../src/bridge/dispatch/dispatcher.js';
import { type Api, as, createUser, idOf, newOrder, setIntegration, type TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import type { StoreKind } from '../support/test-stores.js';

export const FAST_DISPATCH: DispatcherOptions = {
  pollMs: 20,
  backoff: { initialMs: 50, maxMs: 400 },
  leaseMarginMs: 2_000,
};

export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export interface BridgeFixture {
  readonly server: TestServer;
  readonly admin: Api;
  readonly integrationUser: TestUser;
  readonly backOffice: Api;
}

export async function startBridgeServer(kind: StoreKind, dispatcher: DispatcherOptions = FAST_DISPATCH) {
  const server = await startTestServer(kind, { app: { dispatcher } });
  await setIntegration(server, true);
  const integrationUser = await createUser(server, { roles: ['Sales Manager'], integration: true, name: 'erp' });
  return { server, admin: as(server), integrationUser, backOffice: as(server, integrationUser) };
}

export async function addWebhook(
  api: Api,
  url: string,
  options: { secret?: string; name?: string; format?: number; timeoutMs?: number; retryHours?: number } = {},
): Promise<string> {
  const response = await api('ol_connectors', {
    method: 'POST',
    body: {
      ol_name: options.name ?? `hook-${randomBytes(3).toString('hex')}`,
      ol_kind: 1,
      ol_url: url,
      ...(options.secret ? { ol_secret: options.secret } : {}),
      ol_payloadformat: options.format ?? 1,
      ol_timeoutms: options.timeoutMs ?? 2_000,
      ol_retryhours: options.retryHours ?? 24,
    },
  });
  return idOf(response);
}

export async function submittedOrder(api: Api, lines = 2): Promise<string> {
  const id = await newOrder(api, lines);
  const response = await api(`salesorders(${id})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } });
  if (response.status !== 204) throw new Error(`submit failed: ${response.status} ${response.text}`);
  return id;
}
