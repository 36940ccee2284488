/**
 * One copy of each repeated string of a deployment's fold (issue 25.5). Every journal line
 * is read with JSON.parse, which makes a fresh copy of each string in it: over 100,000
 * alerts the same camera label, image type, watchlist category, reason code and officer
 * name were held 100,000 times. A fold keeps one copy of each value of the few fields
 * that repeat (never free text, times or ids that are unique to an alert), in a table that
 * belongs to that fold's state and goes with it, and stops adding to it past a bound, so
 * a field that turns out not to repeat costs a table entry at most, not unbounded memory.
 *
 * The strings are the same values, only held once: nothing that reads them can tell.
 */
import type { Actor } from './entries';

/** Distinct values kept per fold; past this a value is used as read. */
const MAX_VALUES = 8192;

export type Intern = (value: string) => string;

/** Uses each value as it is given (a fold that shares nothing). */
export const noIntern: Intern = (value) => value;

export function interner(): Intern {
  const values = new Map<string, string>();
  return (value) => {
    const known = values.get(value);
    if (known !== undefined) return known;
    if (values.size < MAX_VALUES) values.set(value, value);
    return value;
  };
}

/** An actor with its id and name held once; one with members beyond those two is kept as read. */
export function internActor<A extends Actor>(actor: A, intern: Intern): A {
  const keys = Object.keys(actor);
  if (keys.length !== 2 || keys[0] !== 'id' || keys[1] !== 'name') return actor;
  return { id: intern(actor.id), name: intern(actor.name) } as A;
}
