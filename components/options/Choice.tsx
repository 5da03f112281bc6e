import type { ComponentChildren } from 'preact';

/**
 * A group of large radio buttons under a visible legend: native radios, so arrow keys move
 * between choices and screen readers announce "n of m". Every choice saves at once.
 */
export interface ChoiceOption<T extends string | number> {
  value: T;
  label: ComponentChildren;
  /** Inline style of the label text (e.g. the font being offered). */
  style?: Record<string, string>;
}

export interface ChoiceProps<T extends string | number> {
  legend: string;
  /** Radio group name; also the stable hook for tests. */
  name: string;
  value: T;
  options: readonly ChoiceOption<T>[];
  onChange(value: T): void;
  /** id of a description element. */
  describedBy?: string;
}

export function Choice<T extends string | number>({
  legend,
  name,
  value,
  options,
  onChange,
  describedBy,
}: ChoiceProps<T>) {
  return (
    <fieldset class="op-field" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div class="op-choices">
        {options.map((option) => (
          <label class="op-choice" key={String(option.value)}>
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            <span style={option.style}>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
