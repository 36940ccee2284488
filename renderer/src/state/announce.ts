/** What the screen reader is told when alerts arrive, in the language on screen now. */
import { defineMessages } from '@formatjs/intl';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import type { StationAlert } from '../../../shared/view';
import { screenIntl } from '../i18n/screen-intl';
import { messageTable } from '../../../shared/message-table';

const m = messageTable(
  defineMessages({
    arrived: {
      id: 'live.announce.new-alert',
      defaultMessage: 'New {tier} alert from {camera}.',
      description: 'Screen-reader announcement of an arriving alert; {tier} is the tier name in lower case',
    },
  }),
);

/** One sentence per alert, in the order given (most urgent first). */
export function arrivalAnnouncement(arrived: readonly StationAlert[]): string {
  const intl = screenIntl();
  return arrived
    .map((a) =>
      intl.formatMessage(m.arrived, {
        tier: intl.formatMessage(TIER_MESSAGES[a.subject.tier]).toLocaleLowerCase(intl.locale),
        camera: a.camera.label,
      }),
    )
    .join(' ');
}
