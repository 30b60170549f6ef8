/**
 * The line above a list that says what it shows, announced as a status: how many records there are in
 * all (`$count`, not just this page), what the search matched, or that nothing did.
 */
import { countLabel } from '../tables/count-label';

export interface ListStatusInput {
  /** Rows on this page. */
  readonly shown: number;
  /** All the rows the search matches, when the server counted them. */
  readonly total: number | undefined;
  readonly search: string;
  /** The table's names as the site map spells them: Account, Accounts. */
  readonly singular: string;
  readonly plural: string;
}

export function listStatus({ shown, total, search, singular, plural }: ListStatusInput): string {
  const one = singular.toLowerCase();
  const many = plural.toLowerCase();
  if (shown === 0) return search ? `No ${many} match “${search}”.` : `No ${many} yet.`;
  if (total === undefined) return '';
  return `${countLabel(total, one, many)}${search ? ` matching “${search}”` : ''}`;
}
