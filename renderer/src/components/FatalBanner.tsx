import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';

const M = messageTable(
  defineMessages({
    readOnly: {
      id: 'components.fatal.read-only',
      defaultMessage: 'The station is read-only.',
      description: 'The journal cannot be written to (tampering or a fault)',
    },
    call: {
      id: 'components.fatal.call',
      defaultMessage: 'Call your supervisor; do not record decisions elsewhere on this station.',
      description: 'After the station’s reason',
    },
  }),
);

/** `message` is the station's reason as main gave it. */
export function FatalBanner({ message }: { message: string }) {
  const say = useIntl().formatMessage;
  return (
    <div className="fatal" role="alert">
      <strong>{say(M.readOnly)}</strong> {message} {say(M.call)}
    </div>
  );
}
