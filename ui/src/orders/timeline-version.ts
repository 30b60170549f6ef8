/**
 * A live order: while its form is open and the tab visible, the latest timeline entry is polled every
 * few seconds (one row, one column), and the panels reload only when it changed, so an acknowledgement
 * or a shipment shows up without a reload.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../session/session-context';

export const TIMELINE_POLL_MS = 3_000;

/** The sequence of the order's latest timeline entry, or '' before there is one. */
export function useTimelineVersion(orderId: string): string {
  const { client } = useSession();
  const [version, setVersion] = useState('');
  useEffect(() => {
    let stopped = false;
    async function look() {
      if (document.visibilityState !== 'visible') return;
      try {
        const latest = await client.retrieveMultiple({
          collection: 'ol_timelineentries',
          select: ['ol_sequence'],
          filter: `_ol_salesorderid_value eq ${orderId}`,
          orderBy: ['ol_sequence desc'],
          top: 1,
        });
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
  }, [client, orderId]);
  return version;
}
