import { useEffect, useRef } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../../shared/message-table';
import { TextField } from './TextField';

const M = messageTable(
  defineMessages({
    label: { id: 'components.signin.officer-id', defaultMessage: 'Officer ID', description: 'Field label' },
  }),
);

interface OfficerIdFieldProps {
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
}

/** The sign-in screens' officer ID field. The screen exists to take one: it starts there. */
export function OfficerIdField({ value, onChange, invalid }: OfficerIdFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const intl = useIntl();
  return (
    <TextField
      id="signin-id"
      label={intl.formatMessage(M.label)}
      value={value}
      onChange={onChange}
      inputRef={ref}
      {...(invalid !== undefined ? { invalid } : {})}
      required
    />
  );
}
