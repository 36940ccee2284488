/** The renderer store's public face: create it, read it through selectors, act through its actions. */
export { createStationStore } from './station-store';
export type { StationStore } from './types';
export { StationStoreProvider, useStation, useStationStore, usePlainStation, useStationNow } from './context';
export * from './selectors';
export type * from './types';
export { TONE_MAX, TONE_MIN } from './viewer-slice';
export { emptyOutcomeDraft, outcomeProblems } from './outcome-slice';
