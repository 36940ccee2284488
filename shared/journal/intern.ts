/**
 * One copy of each repeated string of a deployment's fold (issue 25.5). Every journal line
 * is read with JSON.parse, which makes a fresh copy of each string in it: over 100,000
 * alerts the same camera label, image type, watchlist category, reason code and officer
 * name were held 100,000 times. A fold keeps one copy of each value of the few fields
 * that repeat (never free text, times or ids that are unique to an alert), in a table that
 * belongs to that fold's state and goes with it, and stops adding to it past a bound, so
 * a field that turns out not to repeat costs a table entry at most, not unbounded memory.
 *
 * The officers who decide and record outcomes are few too: each (id, name) is one shared,
 * frozen object. Nothing in the station changes an actor in place (an amendment is a new
 * record), and a copy made for a screen or a file (IPC, JSON) is a copy as before.
 *
 * The strings are the same values, only held once: nothing that reads them can tell.
 */
import type { Actor } from './entries';

/** Distinct values kept per fold; past this a value is used as read. */
const MAX_VALUES = 8192;

export interface Intern {
  /** The one copy of this value (the same value: a tier stays a tier). */
  <T extends string>(value: T): T;
  /**
   * The one object for an actor with this id and name, frozen (a change would throw rather
   * than reach every record naming them); one with members beyond those two is kept as read.
   */
  actor<A extends Actor>(actor: A): A;
  /** The one frozen array of these values in this order (decision reason codes). */
  list<T extends string>(values: T[]): T[];
}

/** Uses each value as it is given (a fold that shares nothing). */
export const noIntern: Intern = Object.assign(<T extends string>(value: T) => value, {
  actor: <A extends Actor>(actor: A) => actor,
  list: <T extends string>(values: T[]) => values,
});

export function interner(): Intern {
  const values = new Map<string, string>();
  const actors = new Map<string, Actor>();
  const intern = <T extends string>(value: T): T => {
    const known = values.get(value);
    // The same characters as value, so of its type.
    if (known !== undefined) return known as T;
    if (values.size < MAX_VALUES) values.set(value, value);
    return value;
  };
  const actor = <A extends Actor>(given: A): A => {
    const keys = Object.keys(given);
    if (keys.length !== 2 || keys[0] !== 'id' || keys[1] !== 'name') return given;
    const key = `${given.id}\n${given.name}`;
    const known = actors.get(key);
    // Checked (an id with a line break in it could make the same key): the same id and name.
    if (known && known.id === given.id && known.name === given.name) return known as A;
    const made: Actor = { id: intern(given.id), name: intern(given.name) };
    Object.freeze(made);
    if (actors.size < MAX_VALUES) actors.set(key, made);
    return made as A;
  };
  const lists = new Map<string, string[]>();
  const list = <T extends string>(given: T[]): T[] => {
    const key = given.join('\n');
    const known = lists.get(key);
    // Checked member by member (a value with a line break in it could make the same key),
    // so the same values in the same order, and of its type.
    if (known && known.length === given.length && known.every((v, i) => v === given[i])) return known as T[];
    const made = given.map(intern);
    Object.freeze(made);
    if (lists.size < MAX_VALUES) lists.set(key, made);
    return made;
  };
  return Object.assign(intern, { actor, list });
}
