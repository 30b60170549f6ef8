/**
 * The order's integration timeline (PRODUCT.md C5): submitted, each delivery attempt and its answer,
 * the acknowledgement, each update from the back office, oldest first, in a salesperson's words
 * (timeline-words.ts) with the technical detail one click away, times to the second, and live while
 * the order is open (timeline-version.ts). Read from `ol_timelineentries` when the server has it; on a
 * server without it (404), the panel is not shown.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { isMissingFeature } from '../api/describe-error';
import { formatted, numberValue, type Row } from '../data/row';
import { useQuery } from '../data/use-query';
import type { PanelProps } from '../entities/entity-definition';
import { LoadError } from '../feedback/load-error';
import { useSession } from '../session/session-context';
import { useTimelineVersion } from './timeline-version';
import { timelineTime, timelineTitle } from './timeline-words';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  entry: {
    display: 'grid',
    gridTemplateColumns: 'minmax(150px, auto) 1fr',
    columnGap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 720px)': { gridTemplateColumns: '1fr' },
  },
  when: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  kind: { fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground2 },
});

function details(entry: Row): string {
  const parts: string[] = [];
  const status = numberValue(entry, 'ol_httpstatus');
  const latency = numberValue(entry, 'ol_latencyms');
  if (status !== undefined) parts.push(`HTTP ${status}`);
  if (latency !== undefined) parts.push(`${latency} ms`);
  return parts.join(' · ');
}

export function IntegrationTimeline({ recordId: orderId, refreshKey }: PanelProps) {
  const styles = useStyles();
  const { client } = useSession();
  const version = useTimelineVersion(orderId);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const timeline = useQuery(`timeline|${orderId}|${refreshKey}|${version}`, () =>
    client.retrieveMultiple({
      collection: 'ol_timelineentries',
      select: [
        'ol_kind',
        'ol_summary',
        'ol_processingstatus',
        'ol_httpstatus',
        'ol_latencyms',
        'ol_sequence',
        'createdon',
      ],
      filter: `_ol_salesorderid_value eq ${orderId}`,
      orderBy: ['createdon asc', 'ol_sequence asc'],
      includeAnnotations: '*',
    }),
  );
  if (timeline.error && isMissingFeature(timeline.error)) return null;
  if (!timeline.data && !timeline.error) return null;
  const entries = timeline.data?.value ?? [];
  return (
    <section aria-labelledby="timeline-heading" className={styles.section}>
      <h2 id="timeline-heading" className={styles.title}>
        Integration timeline
      </h2>
      {timeline.error ? <LoadError error={timeline.error} retry={() => void timeline.reload()} /> : null}
      {timeline.data && entries.length === 0 ? <Text>Nothing has been sent to the back office yet.</Text> : null}
      {entries.length > 0 ? (
        <ol className={styles.list} aria-label="Integration timeline">
          {entries.map((entry, index) => {
            const key = String(entry.ol_timelineentryid ?? index);
            const summary = String(entry.ol_summary ?? '');
            const more = details(entry);
            const shown = open.has(key);
            return (
              <li key={key} className={styles.entry}>
                <span className={styles.when}>{timelineTime(entry.createdon)}</span>
                <span>
                  <span className={styles.kind}>
                    {timelineTitle(numberValue(entry, 'ol_kind'), summary, numberValue(entry, 'ol_processingstatus'))}
                  </span>{' '}
                  <Button
                    appearance="transparent"
                    size="small"
                    aria-expanded={shown}
                    aria-label={shown ? 'Hide details' : 'Details'}
                    onClick={() => toggle(key)}
                  >
                    {shown ? 'Hide details' : 'Details'}
                  </Button>
                  {shown ? (
                    <span className={styles.detail}>
                      {' '}
                      {formatted(entry, 'ol_kind')}: {summary}
                      {more ? ` (${more})` : ''}
                    </span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
