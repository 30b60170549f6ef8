/**
 * The UI talks only to the server it was loaded from. Links the server writes (`@odata.nextLink`) carry
 * its public base, or, when `ORDERLINE_PUBLIC_URL` is unset, the address the request arrived on: a page
 * opened at `http://localhost:5555/` gets links on `http://127.0.0.1:5555/`, another origin to the
 * browser. A link is therefore followed on the page's own origin, with its path and query; the token
 * never goes anywhere else.
 */
export function onOwnOrigin(link: string, origin: string): string {
  const url = new URL(link, origin);
  return `${origin}${url.pathname}${url.search}`;
}
