/**
 * The organization's quote, order and invoice prefixes (reference 3.1) begin every number the server
 * gives (`ORD-01001-X7K2`, auto-number.ts). A blank prefix would give numbers that start with the
 * separator, and a space or a control character one that cannot be typed back into a search or a
 * `$filter` as it was read; both are refused when written, not discovered on the next order.
 */
import { invalidArgument } from '../../domain/errors.js';
import type { WriteStep } from '../write-step.js';

export const NUMBER_PREFIX_COLUMNS = ['quoteprefix', 'orderprefix', 'invoiceprefix'] as const;

export const numberPrefixesStep: WriteStep = {
  name: 'number prefixes of the organization',
  stage: 'preValidation',
  tables: ['organization'],
  messages: ['Create', 'Update'],
  run(_context, { target }) {
    for (const column of NUMBER_PREFIX_COLUMNS) {
      if (!(column in target)) continue;
      const value = target[column];
      if (typeof value !== 'string' || value === '' || /[\s\p{Cc}]/u.test(value)) {
        throw invalidArgument(
          `A validation error occurred. The value of '${column}' on record of type 'organization' must be at least one character, without spaces or control characters: it begins every number the server gives.`,
        );
      }
    }
  },
};
