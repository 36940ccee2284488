import { useEffect, useState } from 'react';
import { useStation } from '../state';
import { ProveAgain } from './ProveAgain';

const ACTIVITY_EVERY_MS = 30_000;

/**
 * Over the whole screen: the idle lock, or the request for a fresh proof when the core
 * refused a sensitive request for want of one. Input at the screen is reported to the
 * core (at most every 30 s), which is what keeps a session from locking.
 */
export function AccessGuard() {
  const access = useStation((s) => s.station?.access ?? null);
  const operator = useStation((s) => s.station?.operator ?? null);
  const reportActivity = useStation((s) => s.reportActivity);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const signedIn = operator !== null && !access?.locked;

  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      reportActivity();
    };
    window.addEventListener('keydown', onInput, true);
    window.addEventListener('pointerdown', onInput, true);
    return () => {
      window.removeEventListener('keydown', onInput, true);
      window.removeEventListener('pointerdown', onInput, true);
    };
  }, [signedIn, reportActivity]);

  if (!access || !operator) return null;
  if (access.locked) return <ProveAgain access={access} operator={operator} reason="locked" />;
  if (access.proveAgainAsked && access.proveAgainAsked !== dismissed)
    return (
      <ProveAgain
        access={access}
        operator={operator}
        reason="fresh"
        onCancel={() => setDismissed(access.proveAgainAsked)}
      />
    );
  return null;
}
