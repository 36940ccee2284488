import type { MessageDescriptor } from '@formatjs/intl';

/**
 * A table of messages as plain descriptors. `defineMessages` types each message with the
 * values it takes, which the formatter's overloads then refuse; the catalogue check
 * (npm run i18n:check) and the formatjs lint rules already keep the values right.
 */
export function messageTable<K extends string>(
  table: Record<K, MessageDescriptor>,
): Record<K, MessageDescriptor> {
  return table;
}
