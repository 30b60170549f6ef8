/**
 * Quote, order and invoice numbers: prefix from the organization, a counter, and a random suffix of
 * `uniquespecifierlength` characters (`ORD-01001-X7K2`). The counter is the store's
 * (src/storage/number-counters.ts), so concurrent creates, in one process or several, never share one.
 * A quote is numbered with its revision: a new quote is revision 0, as in Sales; ReviseQuote passes
 * the original's number and the next revision, which are kept.
 */
import { randomInt } from 'node:crypto';
import type { NumberCounter } from '../../storage/number-counters.js';
import type { WriteStep } from '../write-step.js';

interface Numbering {
  readonly column: string;
  readonly prefix: string;
  readonly fallback: string;
  /** The revision column that starts at 0, for a table whose rows are revised under one number. */
  readonly revision?: string;
}

const NUMBERED: Readonly<Record<string, Numbering>> = {
  quote: { column: 'quotenumber', prefix: 'quoteprefix', fallback: 'QUO', revision: 'revisionnumber' },
  salesorder: { column: 'ordernumber', prefix: 'orderprefix', fallback: 'ORD' },
  invoice: { column: 'invoicenumber', prefix: 'invoiceprefix', fallback: 'INV' },
};

const SUFFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const autoNumberStep: WriteStep = {
  name: 'auto-number',
  stage: 'preValidation',
  tables: Object.keys(NUMBERED),
  messages: ['Create'],
  async run(context, { table, target }) {
    const numbering = NUMBERED[table.logicalName]!;
    if (numbering.revision && (target[numbering.revision] === undefined || target[numbering.revision] === null)) {
      target[numbering.revision] = 0;
    }
    if (typeof target[numbering.column] === 'string' && target[numbering.column] !== '') return;
    const organization = await context.services.referenceData.organization(context.trx);
    const number = await context.services.store.nextNumber(context.trx, table.logicalName as NumberCounter);
    const length = Math.min(6, Math.max(4, Number(organization.uniquespecifierlength ?? 4)));
    let suffix = '';
    for (let index = 0; index < length; index += 1) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
    const prefix = String(organization[numbering.prefix] ?? numbering.fallback);
    target[numbering.column] = `${prefix}-${String(number).padStart(5, '0')}-${suffix}`;
  },
};
