/**
 * A live order: while its form is open and the tab visible, the latest timeline entry is polled every
 * few seconds (one row, one column), and the panels reload only when it changed, so an acknowledgement
 * or a shipment shows up without a reload. Each poll is conditional: it sends the ETag of the last answer
 * in `If-None-Match`, and while nothing changed the server answers 304 without a body
 * (src/webapi/collection-etag.ts). dynamics-web-api offers no conditional read of a collection, so this
 * one request is a plain fetch, authenticated by the session cookie like every other.
 */
import { useEffect, useState } from 'react';

export const TIMELINE_POLL_MS = 3_000;

/** The query of the poll: the sequence of the order's latest entry. */
export function latestEntryUrl(orderId: string): string {
  // Percent-encoded, not form-encoded: OData reads a `+` as a plus sign, not a space.
  const query = Object.entries({
    $select: 'ol_sequence',
    $filter: `_ol_salesorderid_value eq ${orderId}`,
    $orderby: 'ol_sequence desc',
    $top: '1',
  })
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `/api/data/v9.2/ol_timelineentries?${query}`;
}

interface LatestEntry {
  readonly value: readonly { readonly ol_sequence?: number | string | null }[];
}

/** The sequence of the order's latest timeline entry, or '' before there is one. */
export function useTimelineVersion(orderId: string): string {
  const [version, setVersion] = useState('');
  useEffect(() => {
    let stopped = false;
    let etag: string | undefined;
    async function look() {
      if (document.visibilityState !== 'visible') return;
      try {
        const response = await fetch(latestEntryUrl(orderId), {
          headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) },
        });
        if (response.status === 304 || !response.ok || stopped) return;
        etag = response.headers.get('etag') ?? undefined;
        const latest = (await response.json()) as LatestEntry;
        if (!stopped) setVersion(String(latest.value[0]?.ol_sequence ?? ''));
      } catch {
        // A missed look is retried at the next tick; the panels show their own load errors.
      }
    }
    const timer = window.setInterval(() => void look(), TIMELINE_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [orderId]);
  return version;
}
