/**
 * The unsaved-changes guard: while a form holds changes, leaving it asks first, whether the user
 * follows a link in the app (`confirmLeaving`, asked by `navigate`) or closes or reloads the tab (the
 * browser's own beforeunload prompt). Ctrl+S (⌘S) saves, as in Dynamics.
 */
import { useEffect, useRef } from 'react';

export const LEAVE_QUESTION = 'You have unsaved changes. Leave this page and lose them?';

/** The open form's answer to "are there unsaved changes?"; one form is open at a time. */
let holdsChanges: (() => boolean) | undefined;

/** True when nothing would be lost, or the user agreed to lose it. */
export function confirmLeaving(): boolean {
  if (!holdsChanges?.()) return true;
  return window.confirm(LEAVE_QUESTION);
}

export interface UnsavedChangesGuard {
  /** Lets the form move on by itself (to the record it just created) without asking. */
  release(): void;
}

export function useUnsavedChangesGuard(dirty: boolean, save: (() => void) | undefined): UnsavedChangesGuard {
  const dirtyNow = useRef(dirty);
  const released = useRef(false);
  const saveNow = useRef(save);
  dirtyNow.current = dirty;
  saveNow.current = save;

  useEffect(() => {
    const check = () => dirtyNow.current && !released.current;
    holdsChanges = check;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!check()) return;
      event.preventDefault();
      // Older browsers need a return value to show their prompt.
      event.returnValue = '';
    };
    const keyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        // The browser's "Save page as" is never what a user means on a form.
        event.preventDefault();
        saveNow.current?.();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('keydown', keyDown);
    return () => {
      if (holdsChanges === check) holdsChanges = undefined;
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('keydown', keyDown);
    };
  }, []);

  return {
    release() {
      released.current = true;
    },
  };
}
