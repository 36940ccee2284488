/** The store reaches components through context; components read it only through selectors. */
import { createContext, useContext, type ReactNode } from 'react';
import type { StationStore } from './types';
import type { StationUiState } from './types';
import { useNow, usePlainSelector, useStationSelector } from './selectors';

const StoreContext = createContext<StationStore | null>(null);

export function StationStoreProvider({ store, children }: { store: StationStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStationStore(): StationStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStationStore outside StationStoreProvider');
  return store;
}

/** One value from the store; the component re-renders only when that value changes. */
export function useStation<T>(selector: (s: StationUiState) => T, equal?: (a: T, b: T) => boolean): T {
  return useStationSelector(useStationStore(), selector, equal);
}

/** A derived plain value (a list of problems, a small record), compared by content. */
export function usePlainStation<T>(selector: (s: StationUiState) => T): T {
  return usePlainSelector(useStationStore(), selector);
}

/** Station time at the given precision. */
export function useStationNow(stepMs = 1000): number {
  return useNow(useStationStore(), stepMs);
}
