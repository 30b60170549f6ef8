/**
 * The settings that decide the origin of absolute URLs in responses (`OData-EntityId`, `Location`,
 * `@odata.nextLink`, `@odata.context`...). A client follows those URLs with its bearer token, so they
 * must never come from anything a client sends: not the `Host` header, and `X-Forwarded-*` only from
 * proxies the operator named.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const PUBLIC_URL_EXAMPLE = 'such as https://orders.example.com or https://example.com/orderline';

/**
 * `ORDERLINE_PUBLIC_URL`: an absolute http(s) URL, optionally with a path (a proxy serving Orderline
 * under a prefix). Parsed to its base without a trailing slash, so `${base}/api/data/v9.2/` is the
 * service root.
 */
export const publicUrlSchema = z
  .url({ protocol: /^https?$/, error: `ORDERLINE_PUBLIC_URL must be an absolute http(s) URL, ${PUBLIC_URL_EXAMPLE}` })
  // Zod runs this check even after the URL check failed, so it must not assume a parsable URL.
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    return !url || (!url.search && !url.hash && !url.username && !url.password);
  }, `ORDERLINE_PUBLIC_URL takes no query, fragment or credentials: only a base URL, ${PUBLIC_URL_EXAMPLE}`)
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  });

/** An IPv4 or IPv6 address, or a subnet in CIDR notation (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `ORDERLINE_TRUSTED_PROXIES`: addresses and subnets separated by commas. */
export const trustedProxiesSchema = z.string().transform((value, context) => {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = entries.filter((entry) => !isAddressOrSubnet(entry));
  if (invalid.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `ORDERLINE_TRUSTED_PROXIES takes IP addresses or CIDR subnets separated by commas (such as 10.0.0.5,192.168.0.0/16); not ${invalid.join(', ')}`,
    });
    return z.NEVER;
  }
  return entries;
});
