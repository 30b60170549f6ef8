/**
 * Client-side navigation with the History API: the server answers every UI path with index.html, and
 * this module turns the path into what to show. No router library: the UI has a handful of routes.
 */
import { useSyncExternalStore } from 'react';
import { confirmLeaving } from '../forms/unsaved-changes';

const NAVIGATED = 'orderline:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentPath = () => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on every navigation. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  // A form with unsaved changes asks first (ui/src/forms/unsaved-changes.ts).
  if (!confirmLeaving()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}
