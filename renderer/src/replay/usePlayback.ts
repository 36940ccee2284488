import { useEffect } from 'react';
import type { ReplayStore } from './replay-store';

/** While playing, each animation frame moves replay time by the real time elapsed times the speed. */
export function usePlayback(store: ReplayStore, playing: boolean) {
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    let frame = 0;
    const tick = (now: number) => {
      if (last !== null) store.getState().advance(now - last);
      last = now;
      if (store.getState().playing) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store, playing]);
}
