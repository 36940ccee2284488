/**
 * Browser mode: closing the tab with undecided alerts asks first, as the Electron
 * window does (there main asks with a native dialog, so this stays out of its way).
 * The alerts are safe either way: they are in the journal and come back on reopening.
 */
import { useEffect } from 'react';

export function useLeaveGuard(undecided: number): void {
  useEffect(() => {
    if (window.station || undecided === 0) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = true;
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [undecided]);
}
