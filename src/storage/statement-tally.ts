/**
 * How many statements a store has sent, counted where every statement of the store passes: pg's
 * `client.query` on PostgreSQL (one call is one network round trip, since pg waits for each statement's
 * answer before it sends the next), better-sqlite3's `prepare` on SQLite (Kysely asks for one per
 * statement; a call into the library, no round trip). The benchmark and a test read it to keep the
 * statements of a business write from growing back silently (issue #16); `watch` lists their SQL text
 * for whoever is looking for where they come from.
 */
export interface StatementTally {
  /** Statements sent since the store opened, BEGIN and COMMIT included. */
  readonly statements: number;
  /** Calls `watcher` with the SQL text of every statement until the returned function is called. */
  watch(watcher: (sql: string) => void): () => void;
}

export interface CountingTally extends StatementTally {
  /** Counts one statement: called by the dialect for every statement it sends. */
  count(sql: string): void;
}

export function createStatementTally(): CountingTally {
  let statements = 0;
  const watchers = new Set<(sql: string) => void>();
  return {
    get statements() {
      return statements;
    },
    watch(watcher) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
    count(sql) {
      statements++;
      for (const watcher of watchers) watcher(sql);
    },
  };
}
