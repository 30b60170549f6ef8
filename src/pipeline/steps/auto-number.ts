/**
 * Quote, order and invoice numbers: prefix from the organization, a counter, and a random suffix of
 * `uniquespecifierlength` characters (`ORD-01001-X7K2`). The counter row is incremented inside the
 * creating transaction, so concurrent creates never share a number.
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { WriteStep } from '../write-step.js';

const NUMBERED: Readonly<Record<string, { column: string; prefix: string; fallback: string }>> = {
  quote: { column: 'quotenumber', prefix: 'quoteprefix', fallback: 'QUO' },
  salesorder: { column: 'ordernumber', prefix: 'orderprefix', fallback: 'ORD' },
  invoice: { column: 'invoicenumber', prefix: 'invoiceprefix', fallback: 'INV' },
};

const SUFFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const FIRST_NUMBER = 1001;

export const autoNumberStep: WriteStep = {
  name: 'auto-number',
  stage: 'preValidation',
  tables: Object.keys(NUMBERED),
  messages: ['Create'],
  async run(context, { table, target }) {
    const numbering = NUMBERED[table.logicalName]!;
    if (typeof target[numbering.column] === 'string' && target[numbering.column] !== '') return;
    const organization = await context.services.referenceData.organization(context.trx);
    const counter = `${table.logicalName}number`;
    await context.trx
      .insertInto('ol_counter')
      .values({ name: counter, value: FIRST_NUMBER - 1 })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
    const row = await context.trx
      .updateTable('ol_counter')
      .set({ value: sql`value + 1` })
      .where('name', '=', counter)
      .returning('value')
      .executeTakeFirstOrThrow();
    const length = Math.min(6, Math.max(4, Number(organization.uniquespecifierlength ?? 4)));
    let suffix = '';
    for (let index = 0; index < length; index += 1) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
    const prefix = String(organization[numbering.prefix] ?? numbering.fallback);
    target[numbering.column] = `${prefix}-${String(row.value).padStart(5, '0')}-${suffix}`;
  },
};
