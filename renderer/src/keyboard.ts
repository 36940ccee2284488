/**
 * Keyboard shortcuts of the live review screen. Single keys never fire while the
 * officer is typing, so a rationale containing "e" cannot choose Engage; the
 * exceptions are Escape (the field itself handles it: leave, keeping the text) and
 * Ctrl+Enter inside the decision form, which records.
 */
type ShortcutAction =
  | { kind: 'decide'; decision: 'engage' | 'no-engage' }
  | { kind: 'reason'; index: number }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'focus-rationale' }
  | { kind: 'submit' }
  | { kind: 'toggle-scene' }
  | { kind: 'help' }
  | { kind: 'mute' }
  // Issue 22: escalate the open alert, add a note to it, confirm the next ready repeat.
  | { kind: 'escalate' }
  | { kind: 'note' }
  | { kind: 'confirm-repeat' };

/** The reasons' keys in the order shown: the top row of the keyboard, left to right (12 reasons). */
export const REASON_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '='] as const;

interface Shortcut {
  keys: string[];
  description: string;
}

/** What the help overlay and the README list; each line is tested against the behaviour. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['e'], description: 'Choose Engage, then go to the reasons' },
  { keys: ['n'], description: 'Choose No engage, then go to the reasons' },
  {
    keys: ['1 to 9', '0', '-', '='],
    description: 'Tick or untick a reason: 1 to 9, 0, - and = (the key is shown beside each)',
  },
  { keys: ['r'], description: 'Write the rationale' },
  { keys: ['Esc'], description: 'Leave a text field, keeping what you typed' },
  { keys: ['Ctrl', 'Enter'], description: 'Record decision, or say what is missing' },
  { keys: ['j', '↓'], description: 'Next alert in the queue' },
  { keys: ['k', '↑'], description: 'Previous alert in the queue' },
  { keys: ['s'], description: 'Show or hide the scene frame' },
  { keys: ['m'], description: 'Mute or unmute the alert sound' },
  { keys: ['x'], description: 'Escalate the open alert to a supervisor, with a note' },
  { keys: ['a'], description: 'Add a note to the open alert before deciding' },
  { keys: ['c'], description: 'Repeat strip: same as lead, no engage, for the next ready repeat' },
  { keys: ['?'], description: 'Show these shortcuts' },
];

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'password',
  'number',
  'tel',
  'url',
  'date',
  'datetime-local',
  'time',
  'month',
  'week',
]);

/** True while focus is somewhere the officer types (or a control that uses letters itself). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('[contenteditable="true"], [contenteditable=""]'))
    return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return false;
}

/** Controls where the arrow keys already mean something (radios, selects, sliders). */
function usesArrows(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target.getAttribute('role') === 'slider'
  );
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

const SIMPLE: Record<string, ShortcutAction> = {
  e: { kind: 'decide', decision: 'engage' },
  n: { kind: 'decide', decision: 'no-engage' },
  j: { kind: 'next' },
  k: { kind: 'previous' },
  r: { kind: 'focus-rationale' },
  s: { kind: 'toggle-scene' },
  '?': { kind: 'help' },
  m: { kind: 'mute' },
  x: { kind: 'escalate' },
  a: { kind: 'note' },
  c: { kind: 'confirm-repeat' },
};

/** The action a key press asks for, or null when it is ordinary typing or not a shortcut. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  const { key, target } = event;
  if (key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    if (!isTypingTarget(target)) return { kind: 'submit' };
    return target instanceof HTMLElement && target.closest('[data-decision-form]')
      ? { kind: 'submit' }
      : null;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(target)) return null;
  const reason = (REASON_KEYS as readonly string[]).indexOf(key);
  if (reason >= 0) return { kind: 'reason', index: reason };
  if (key === 'ArrowDown') return usesArrows(target) ? null : { kind: 'next' };
  if (key === 'ArrowUp') return usesArrows(target) ? null : { kind: 'previous' };
  return SIMPLE[key] ?? null;
}
