import { defineMessages, useIntl, type MessageDescriptor } from 'react-intl';
import { KEY_PLUS } from './marks';
import { messageTable } from '../../../shared/message-table';
import { SHORTCUTS } from '../keyboard';
import { Dialog } from './Dialog';

const M = messageTable(
  defineMessages({
    title: {
      id: 'components.shortcuts.title',
      defaultMessage: 'Keyboard shortcuts',
      description: 'Dialog title',
    },
    intro: {
      id: 'components.shortcuts.intro',
      defaultMessage:
        'Letters and numbers do nothing while you are typing in a field; Escape leaves the field. Escape closes this panel.',
      description: 'Shortcuts dialog',
    },
    key: { id: 'components.shortcuts.key', defaultMessage: 'Key', description: 'Column heading' },
    action: { id: 'components.shortcuts.action', defaultMessage: 'Action', description: 'Column heading' },
    or: {
      id: 'components.shortcuts.or',
      defaultMessage: ' or ',
      description: 'Between two keys that do the same (spaces around)',
    },
    digits: {
      id: 'components.shortcuts.digits',
      defaultMessage: '1 to 9',
      description: 'The number keys 1 to 9',
    },
    close: { id: 'components.shortcuts.close', defaultMessage: 'Close', description: 'Button' },
  }),
);

/** Each shortcut's description (renderer/src/keyboard.ts), by its keys. */
const DESCRIPTIONS: Record<string, MessageDescriptor> = defineMessages({
  e: {
    id: 'components.shortcuts.engage',
    defaultMessage: 'Choose Engage, then go to the reasons',
    description: 'Shortcut e',
  },
  n: {
    id: 'components.shortcuts.no-engage',
    defaultMessage: 'Choose No engage, then go to the reasons',
    description: 'Shortcut n',
  },
  '1 to 9,0,-,=': {
    id: 'components.shortcuts.reasons',
    defaultMessage: 'Tick or untick a reason: 1 to 9, 0, - and = (the key is shown beside each)',
    description: 'Shortcut: the number keys and - and =',
  },
  r: {
    id: 'components.shortcuts.rationale',
    defaultMessage: 'Write the rationale',
    description: 'Shortcut r',
  },
  Esc: {
    id: 'components.shortcuts.escape',
    defaultMessage: 'Leave a text field, keeping what you typed',
    description: 'Shortcut Esc',
  },
  'Ctrl,Enter': {
    id: 'components.shortcuts.record',
    defaultMessage: 'Record decision, or say what is missing',
    description: 'Shortcut Ctrl+Enter',
  },
  'j,↓': {
    id: 'components.shortcuts.next',
    defaultMessage: 'Next alert in the queue',
    description: 'Shortcut j',
  },
  'k,↑': {
    id: 'components.shortcuts.previous',
    defaultMessage: 'Previous alert in the queue',
    description: 'Shortcut k',
  },
  s: {
    id: 'components.shortcuts.scene',
    defaultMessage: 'Show or hide the scene frame',
    description: 'Shortcut s',
  },
  m: {
    id: 'components.shortcuts.mute',
    defaultMessage: 'Mute or unmute the alert sound',
    description: 'Shortcut m',
  },
  x: {
    id: 'components.shortcuts.escalate',
    defaultMessage: 'Escalate the open alert to a supervisor, with a note',
    description: 'Shortcut x',
  },
  a: {
    id: 'components.shortcuts.add-note',
    defaultMessage: 'Add a note to the open alert before deciding',
    description: 'Shortcut a',
  },
  c: {
    id: 'components.shortcuts.confirm-repeat',
    defaultMessage: 'Repeat strip: same as lead, no engage, for the next ready repeat',
    description: 'Shortcut c',
  },
  '?': { id: 'components.shortcuts.help', defaultMessage: 'Show these shortcuts', description: 'Shortcut ?' },
});

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const intl = useIntl();
  const say = intl.formatMessage;
  const describe = (keys: string[], english: string) => {
    const descriptor = DESCRIPTIONS[keys.join()];
    return descriptor ? say(descriptor) : english;
  };
  return (
    <Dialog titleId="shortcuts-title" onClose={onClose} className="shortcuts">
      <h2 id="shortcuts-title">{say(M.title)}</h2>
      <p className="muted small">{say(M.intro)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{say(M.key)}</th>
            <th scope="col">{say(M.action)}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys.join()}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (s.keys[0] === 'Ctrl' ? KEY_PLUS : say(M.or))}
                    <kbd>{k === '1 to 9' ? say(M.digits) : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{describe(s.keys, s.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        {say(M.close)}
      </button>
    </Dialog>
  );
}
