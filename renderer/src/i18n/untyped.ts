import type { MessageDescriptor } from 'react-intl';
import { reviewedCast } from '../../../shared/reviewed-cast';

/**
 * A `defineMessages` table as plain descriptors. react-intl 12 types each message's values
 * from the table, as `{}` when no generic is given, which refuses any values; our messages
 * take values, and the catalogue check (build/scripts/i18n.mjs) already checks placeholders.
 */
export const untyped = <T extends object>(table: T) =>
  reviewedCast<{ [K in keyof T]: MessageDescriptor }>(table, 'each entry is a MessageDescriptor at run time');
