/**
 * Loads data for a screen and reloads it on demand. `key` names what is loaded: a new key starts a new
 * load, and the answer of an older one is dropped, so a slow response never overwrites a newer one.
 * While a new answer is awaited the previous data stays on screen (no flicker, no lost focus).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again; resolves once the new answer (or error) is in the state. */
  reload(): Promise<void>;
}

interface Loaded<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly loading: boolean;
}

export function useQuery<T>(key: string, load: () => Promise<T>): QueryState<T> {
  const loader = useRef(load);
  loader.current = load;
  const generation = useRef(0);
  const [state, setState] = useState<Loaded<T>>({ loading: true });

  const run = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await loader.current();
      if (mine === generation.current) setState({ data, loading: false });
    } catch (error) {
      if (mine === generation.current) setState((previous) => ({ data: previous.data, error, loading: false }));
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names the load; a new key is a new load.
  useEffect(() => {
    void run();
  }, [key, run]);

  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}
