/**
 * The messages of a page: errors stay until the user dismisses them or the action succeeds on retry,
 * so a refusal is never lost; a success message replaces the previous one.
 */
import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../api/describe-error';

export interface PageMessage {
  readonly id: number;
  readonly intent: 'error' | 'success';
  readonly text: string;
}

export interface Messages {
  readonly list: readonly PageMessage[];
  error(error: unknown): void;
  success(text: string): void;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;

export function useMessages(initial: () => readonly PageMessage[] = () => []): Messages {
  const [list, setList] = useState<readonly PageMessage[]>(initial);
  const error = useCallback((failure: unknown) => {
    const text = describeError(failure);
    // The same refusal twice in a row is shown once.
    setList((current) =>
      current.some((message) => message.text === text)
        ? current
        : [...current.filter((message) => message.intent === 'error'), { id: nextId++, intent: 'error', text }],
    );
  }, []);
  const success = useCallback((text: string) => {
    setList((current) => [
      ...current.filter((message) => message.intent === 'error'),
      { id: nextId++, intent: 'success', text },
    ]);
  }, []);
  const dismiss = useCallback((id: number) => setList((current) => current.filter((message) => message.id !== id)), []);
  const clear = useCallback(() => setList([]), []);
  return useMemo(() => ({ list, error, success, dismiss, clear }), [list, error, success, dismiss, clear]);
}

/** A success message carried across a navigation (a record just created, an order made from a quote). */
let flash: string | undefined;

export function flashMessage(text: string): void {
  flash = text;
}

export function takeFlashMessage(): readonly PageMessage[] {
  const text = flash;
  flash = undefined;
  return text ? [{ id: nextId++, intent: 'success', text }] : [];
}
