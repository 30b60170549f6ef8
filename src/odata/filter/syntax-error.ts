import { type DomainError, querySyntax } from '../../domain/errors.js';

/**
 * Where a piece of query text came from, so that a message points into the text the client wrote: a
 * `$filter` nested in `$expand` reports positions within the whole `$expand` value.
 */
export interface SyntaxSource {
  /** Shown quoted in the message: `$filter`, `$expand`, `@p1`. */
  readonly name: string;
  /** Index of the text's first character within the option value the client sent. */
  readonly offset: number;
}

export const filterSource: SyntaxSource = { name: '$filter', offset: 0 };

/** Longest token text quoted in a message; hostile input can make tokens as long as the whole URL. */
const maxQuotedLength = 40;

/** "Syntax error at position 14 in '$filter': expected a value after 'eq'" (positions are 1-based). */
export function syntaxError(source: SyntaxSource, index: number, detail: string): DomainError {
  return querySyntax(`Syntax error at position ${source.offset + index + 1} in '${source.name}': ${detail}`);
}

/** Quotes source text for a message, shortened when long. */
export function quote(text: string): string {
  const shown = text.length > maxQuotedLength ? `${text.slice(0, maxQuotedLength)}...` : text;
  return `'${shown}'`;
}
