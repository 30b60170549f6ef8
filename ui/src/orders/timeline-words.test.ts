import { describe, expect, it } from 'vitest';
import { PROCESSING_STATUS } from '../../../src/domain/metadata/tables/back-office-columns';
import { TIMELINE_KIND } from '../../../src/domain/metadata/tables/ol-timelineentry';
import { timelineTitle } from './timeline-words';

describe('a timeline entry in a salesperson’s words', () => {
  it.each([
    [PROCESSING_STATUS.confirmed, 'Confirmed'],
    [PROCESSING_STATUS.picked, 'Picked'],
    [PROCESSING_STATUS.partiallyDelivered, 'Partly delivered'],
    [PROCESSING_STATUS.delivered, 'Delivered'],
    [PROCESSING_STATUS.partiallyInvoiced, 'Partly invoiced'],
    [PROCESSING_STATUS.invoiced, 'Invoiced'],
    [PROCESSING_STATUS.cancelled, 'Cancelled by the back office'],
    [PROCESSING_STATUS.active, 'Back in progress at the back office'],
  ])('reads processing status %i as “%s”', (status, words) => {
    expect(timelineTitle(TIMELINE_KIND.statusReported, 'Processing status … reported', status)).toBe(words);
  });

  it('keeps the back office’s numbers: acknowledged as its order number, invoiced as its invoice number', () => {
    expect(timelineTitle(TIMELINE_KIND.acknowledged, 'Acknowledged by the back office as ERP-000001 (total 10)')).toBe(
      'Acknowledged as ERP-000001',
    );
    expect(timelineTitle(TIMELINE_KIND.invoiceReceived, 'Invoice INV-9 received; invoice.created event queued')).toBe(
      'Invoiced as INV-9',
    );
  });

  it('says what was shipped, and falls back to plain words for a status it does not know', () => {
    expect(timelineTitle(TIMELINE_KIND.lineShipped, 'Shipped 2 × Widget')).toBe('Shipped 2 × Widget');
    expect(timelineTitle(TIMELINE_KIND.statusReported, 'Processing status 42 reported', 42)).toBe(
      'The back office reported a new status',
    );
  });
});
