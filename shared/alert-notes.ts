/**
 * An officer's note on an alert (issue 22): added before deciding, or sent with an
 * escalation. Notes are short by design (a sentence or two for the supervisor or the
 * next reviewer, not a statement), so the bound is well under the rationale's.
 */
export const NOTE_MAX_CHARS = 500;
