/**
 * Gives the focus back to the button that opened a dialog once the dialog is gone (docs/ui.md).
 * Fluent does this only for a DialogTrigger's button; the Sales Hub's dialogs open from a state the
 * page sets, and without this the focus would fall to the start of the page.
 */
import { useEffect, useRef, useState } from 'react';

export function useFocusReturn(): void {
  // The button still holds the focus while the dialog first renders.
  const [opener] = useState(() => document.activeElement);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // React's StrictMode (npm run dev:ui) runs this cleanup once on a dialog that stays open and mounts
      // it again at once; only a dialog still gone a moment later gives the focus back. A button that
      // went with the dialog's work (Manage, once the integration is off) cannot take it.
      queueMicrotask(() => {
        if (!mounted.current && opener instanceof HTMLElement && opener.isConnected) opener.focus();
      });
    };
  }, [opener]);
}
