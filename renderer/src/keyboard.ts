/**
 * Keyboard shortcuts of the live review screen. Single letters never fire while the
 * officer is typing, so a rationale containing "e" cannot choose Engage; the one
 * exception is Ctrl+Enter inside the decision form, which submits it.
 */
export type ShortcutAction =
  | 'engage'
  | 'no-engage'
  | 'next'
  | 'previous'
  | 'focus-rationale'
  | 'submit'
  | 'toggle-scene'
  | 'help'
  | 'mute';

export interface Shortcut {
  keys: string[];
  action: ShortcutAction;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['e'], action: 'engage', description: 'Choose Engage' },
  { keys: ['n'], action: 'no-engage', description: 'Choose No engage' },
  { keys: ['j', '↓'], action: 'next', description: 'Next alert in the queue' },
  { keys: ['k', '↑'], action: 'previous', description: 'Previous alert in the queue' },
  { keys: ['r'], action: 'focus-rationale', description: 'Write the rationale' },
  { keys: ['Ctrl', 'Enter'], action: 'submit', description: 'Record decision' },
  { keys: ['s'], action: 'toggle-scene', description: 'Show or hide the scene frame' },
  { keys: ['?'], action: 'help', description: 'Show these shortcuts' },
  { keys: ['m'], action: 'mute', description: 'Mute or unmute the alert sound' },
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

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** The action a key press asks for, or null when it is ordinary typing or not a shortcut. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  const { key, target } = event;
  if (key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    if (!isTypingTarget(target)) return 'submit';
    return target instanceof HTMLElement && target.closest('[data-decision-form]') ? 'submit' : null;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(target)) return null;
  switch (key) {
    case 'e':
      return 'engage';
    case 'n':
      return 'no-engage';
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'ArrowDown':
      return usesArrows(target) ? null : 'next';
    case 'ArrowUp':
      return usesArrows(target) ? null : 'previous';
    case 'r':
      return 'focus-rationale';
    case 's':
      return 'toggle-scene';
    case '?':
      return 'help';
    case 'm':
      return 'mute';
    default:
      return null;
  }
}
