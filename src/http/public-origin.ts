/**
 * The base of every absolute URL the server writes. In order:
 * 1. `ORDERLINE_PUBLIC_URL`, when configured: what the operator says clients use;
 * 2. `X-Forwarded-Proto` / `X-Forwarded-Host`, only when the peer is a trusted proxy
 *    (`ORDERLINE_TRUSTED_PROXIES`) and the values are well formed;
 * 3. the local address and port the request arrived on: a real interface of this server.
 * Never the `Host` header: behind a proxy or cache that passes it through, an attacker's `Host` would
 * send clients following `@odata.nextLink` (and their bearer tokens) to the attacker.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4 } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface PublicOriginSettings {
  /** A base URL without a trailing slash (see src/config/public-url.ts). */
  readonly publicUrl?: string;
  readonly trustedProxies: readonly string[];
}

/** The base URL for a request, without a trailing slash: `https://orders.example.com`. */
export type PublicBaseOf = (request: IncomingMessage) => string;

const FORWARDED_PROTO = /^https?$/i;
/** A host name or IP literal with an optional port: nothing that could carry a path, credentials or a second URL. */
const FORWARDED_HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::\d{1,5})?$/i;

/** `::ffff:10.0.0.1` is how Node reports an IPv4 peer on a dual-stack socket. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** The last value of a header a proxy may have appended to (`a, b`): the one our proxy wrote. */
function lastValue(header: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(header) ? header.join(',') : header;
  const value = joined?.split(',').pop()?.trim();
  return value || undefined;
}

function listeningOrigin(request: IncomingMessage, protocol: string): string {
  const socket = request.socket;
  const address = plainAddress(socket.localAddress ?? '127.0.0.1');
  const host = address.includes(':') ? `[${address}]` : address;
  // URL drops the port when it is the protocol's default.
  return new URL(`${protocol}://${host}:${socket.localPort ?? 80}`).origin;
}

/** The origin of a URL, or undefined when it does not parse (a port above 65535). */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function publicBaseResolver(settings: PublicOriginSettings): PublicBaseOf {
  const { publicUrl } = settings;
  if (publicUrl) return () => publicUrl;
  const trusted = trustList(settings.trustedProxies);
  const isTrusted = (address: string | undefined): boolean => {
    if (!address || settings.trustedProxies.length === 0) return false;
    const plain = plainAddress(address);
    return trusted.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6');
  };
  return (request) => {
    const ownProtocol = (request.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
    if (!isTrusted(request.socket.remoteAddress)) return listeningOrigin(request, ownProtocol);
    const proto = lastValue(request.headers['x-forwarded-proto']);
    const protocol = proto && FORWARDED_PROTO.test(proto) ? proto.toLowerCase() : ownProtocol;
    const host = lastValue(request.headers['x-forwarded-host']);
    return (
      (host && FORWARDED_HOST.test(host) && originOf(`${protocol}://${host}`)) || listeningOrigin(request, protocol)
    );
  };
}
