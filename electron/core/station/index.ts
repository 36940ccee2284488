/** The station core's state owner and its job files; see station.ts. */
export { Station } from './station';
