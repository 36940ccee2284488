import { SHORTCUTS } from '../keyboard';
import { Dialog } from './Dialog';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog titleId="shortcuts-title" onClose={onClose} className="shortcuts">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p className="muted small">
        Letters and numbers do nothing while you are typing in a field; Escape leaves the field. Escape closes
        this panel.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys.join()}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && (s.keys[0] === 'Ctrl' ? ' + ' : ' or ')}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Dialog>
  );
}
