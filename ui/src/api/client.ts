/**
 * The Web API client: the browser build of `dynamics-web-api`, the library integration engineers point
 * at Dataverse, so every screen of the UI also proves that Orderline answers it as Dataverse would.
 */
import { DynamicsWebApi } from 'dynamics-web-api';
import { installExactJsonTransport } from './exact-transport';

export type Client = DynamicsWebApi;

/** The FormattedValue annotation: rows then carry `<column>_Formatted` (money, choices, lookups, dates). */
export const FORMATTED = 'OData.Community.Display.V1.FormattedValue';

/**
 * Without a token the browser's session cookie authenticates each request (same origin, so it is sent
 * by itself); a token, when given, is sent as the bearer token instead.
 */
export function createClient(token?: string, origin: string = window.location.origin): Client {
  // Money and decimals cross the wire as exact text, never as binary floats (see exact-transport.ts).
  installExactJsonTransport();
  return new DynamicsWebApi({
    serverUrl: `${origin}/`,
    dataApi: { version: '9.2' },
    ...(token ? { onTokenRefresh: async () => token } : {}),
    // Every refusal reaches the screen: without this, update and delete report some failures as `false`.
    propagateErrors: true,
  });
}
