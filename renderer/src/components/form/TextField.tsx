import './forms.css';
import type { InputHTMLAttributes, KeyboardEvent, ReactNode, Ref } from 'react';

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number;
  type?: 'text' | 'number' | 'password';
  hint?: ReactNode;
  /** Extra ids (counters, problem lists) that describe the field. */
  describedBy?: string;
  invalid?: boolean;
  readOnly?: boolean;
  required?: boolean;
  maxLength?: number;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  min?: number;
  max?: number;
  step?: number;
  className?: string;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  children?: ReactNode;
}

/** A labelled text input or textarea, with an optional hint, the same in every form. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, rows, hint, invalid, className } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [props.describedBy, hintId].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-describedby': describedBy,
    'aria-invalid': invalid ? true : undefined,
    readOnly: props.readOnly,
    required: props.required,
    maxLength: props.maxLength,
    onKeyDown: props.onKeyDown,
    ref: props.inputRef,
  };
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          autoComplete="off"
          inputMode={props.inputMode}
          min={props.min}
          max={props.max}
          step={props.step}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      )}
      {props.children}
    </div>
  );
}
