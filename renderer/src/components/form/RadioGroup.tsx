import './forms.css';
import type { ReactNode } from 'react';

interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  /** A shortcut key shown beside the option. */
  kbd?: string;
  className?: string;
}

interface RadioGroupProps<V extends string> {
  name: string;
  legend: ReactNode;
  options: readonly RadioOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  disabled?: boolean;
  className?: string;
  describedBy?: string;
}

/** A labelled set of radio buttons; arrow keys move between them as the platform does. */
export function RadioGroup<V extends string>(props: RadioGroupProps<V>) {
  const { name, legend, options, value, onChange, disabled } = props;
  const legendId = `${name}-legend`;
  return (
    <fieldset
      className={`choices${props.className ? ` ${props.className}` : ''}`}
      role="radiogroup"
      aria-labelledby={legendId}
      aria-describedby={props.describedBy}
    >
      <legend id={legendId}>{legend}</legend>
      {options.map((o) => (
        <span className={`choice${o.className ? ` ${o.className}` : ''}`} key={o.value}>
          <input
            id={`${name}-${o.value}`}
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            disabled={disabled}
          />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
          {o.kbd && <kbd aria-hidden="true">{o.kbd}</kbd>}
        </span>
      ))}
    </fieldset>
  );
}
