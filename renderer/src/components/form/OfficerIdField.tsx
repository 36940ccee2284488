import { useEffect, useRef } from 'react';
import { TextField } from './TextField';

interface OfficerIdFieldProps {
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
}

/** The sign-in screens' officer ID field. The screen exists to take one: it starts there. */
export function OfficerIdField({ value, onChange, invalid }: OfficerIdFieldProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <TextField
      id="signin-id"
      label="Officer ID"
      value={value}
      onChange={onChange}
      inputRef={ref}
      {...(invalid !== undefined ? { invalid } : {})}
      required
    />
  );
}
