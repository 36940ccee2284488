/**
 * Lone surrogates: a string holding one cannot be written as UTF-8 (it would come back as
 * U+FFFD, so a journal hash over it would not match what was received). Checked by the
 * engine's own String#isWellFormed and String#toWellFormed (ES2024; Node 20, Chromium):
 * the regular expression they replace, with its lookbehind, and a new one for each
 * replacement, cost a burst's event loop several milliseconds (issue 25).
 */
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

export function hasLoneSurrogate(value: string): boolean {
  return !(value as WellFormedString).isWellFormed();
}

/** The text with each lone surrogate replaced by U+FFFD: safe to journal a refusal that quotes it. */
export function toWellFormedText(value: string): string {
  return (value as WellFormedString).toWellFormed();
}
