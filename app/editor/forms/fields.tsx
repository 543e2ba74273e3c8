import { useContext, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldScopeContext, fieldInputId, useFieldMessages } from './form-context.ts';

// Small form controls for the inspector. Each takes the field's path in the node data ("prompt.text"): it finds
// its own error messages with it, and it becomes the input's id and data-field, so a click on a diagnostic can
// put the cursor in the right place.

interface FieldBase {
  path: string;
  label: string;
  hint?: ReactNode;
}

function useInputId(path: string): string {
  return fieldInputId(useContext(FieldScopeContext), path);
}

function FieldShell({
  inputId,
  label,
  hint,
  messages,
  children,
}: {
  inputId: string;
  label: string;
  hint?: ReactNode;
  messages: readonly string[];
  children: ReactNode;
}) {
  return (
    <div className={`field${messages.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      ) : null}
      {messages.map((message) => (
        <p className="field-error" role="alert" key={message} id={`${inputId}-error`}>
          {message}
        </p>
      ))}
    </div>
  );
}

function describedBy(inputId: string, hint: unknown, messages: readonly string[]): string | undefined {
  const ids = [hint ? `${inputId}-hint` : '', messages.length ? `${inputId}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField({
  path,
  label,
  hint,
  value,
  onChange,
  placeholder,
  multiline = false,
  maxLength,
}: FieldBase & {
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  multiline?: boolean;
  maxLength?: number;
}) {
  const inputId = useInputId(path);
  const messages = useFieldMessages(path);
  const common = {
    id: inputId,
    'data-field': path,
    value: value ?? '',
    placeholder,
    maxLength,
    'aria-invalid': messages.length > 0 || undefined,
    'aria-describedby': describedBy(inputId, hint, messages),
  };
  return (
    <FieldShell inputId={inputId} label={label} hint={hint} messages={messages}>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
    </FieldShell>
  );
}

/** Optional text: an emptied box removes the field rather than storing "". */
export function OptionalTextField(
  props: FieldBase & { value: string | undefined; onChange: (value: string | undefined) => void; placeholder?: string },
) {
  return <TextField {...props} onChange={(value) => props.onChange(value === '' ? undefined : value)} />;
}

/**
 * A number box that keeps what is typed while it is not a number yet ("", "-"), and only hands on real numbers:
 * the document never holds NaN. Range and whole-number rules are the schema's, shown like any other error.
 */
export function NumberField({
  path,
  label,
  hint,
  value,
  onChange,
  unit,
}: FieldBase & { value: number | undefined; onChange: (value: number) => void; unit?: string }) {
  const { t } = useTranslation('editor');
  const inputId = useInputId(path);
  const messages = useFieldMessages(path);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The value changed from outside (undo, reset): show it.
    setShown(value);
    setText(value === undefined ? '' : String(value));
  }
  const parsed = text.trim() === '' ? Number.NaN : Number(text);
  const local = Number.isFinite(parsed) ? [] : [t('fields.enterNumber')];
  const all = [...local, ...messages];
  return (
    <FieldShell
      inputId={inputId}
      label={unit ? t('fields.withUnit', { label, unit }) : label}
      hint={hint}
      messages={all}
    >
      <input
        id={inputId}
        data-field={path}
        type="text"
        inputMode="numeric"
        className="number"
        value={text}
        aria-invalid={all.length > 0 || undefined}
        aria-describedby={describedBy(inputId, hint, all)}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const number = next.trim() === '' ? Number.NaN : Number(next);
          if (Number.isFinite(number)) {
            setShown(number);
            onChange(number);
          }
        }}
      />
    </FieldShell>
  );
}

export function CheckboxField({
  path,
  label,
  hint,
  checked,
  onChange,
}: FieldBase & { checked: boolean | undefined; onChange: (checked: boolean) => void }) {
  const inputId = useInputId(path);
  const messages = useFieldMessages(path);
  return (
    <div className={`field checkbox${messages.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={inputId}>
        <input
          id={inputId}
          data-field={path}
          type="checkbox"
          checked={checked ?? false}
          onChange={(event) => onChange(event.target.checked)}
        />{' '}
        {label}
      </label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {messages.map((message) => (
        <p className="field-error" role="alert" key={message}>
          {message}
        </p>
      ))}
    </div>
  );
}

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export function SelectField<V extends string>({
  path,
  label,
  hint,
  value,
  options,
  onChange,
}: FieldBase & { value: V | undefined; options: readonly SelectOption<V>[]; onChange: (value: V) => void }) {
  const { t } = useTranslation('editor');
  const inputId = useInputId(path);
  const messages = useFieldMessages(path);
  // A value the list does not offer (from an imported file) stays visible instead of silently showing another.
  const known = value === undefined || options.some((option) => option.value === value);
  return (
    <FieldShell inputId={inputId} label={label} hint={hint} messages={messages}>
      <select
        id={inputId}
        data-field={path}
        value={value ?? ''}
        aria-invalid={messages.length > 0 || undefined}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {value === undefined ? <option value="">{t('fields.choose')}</option> : null}
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A titled group of fields, e.g. one menu option. */
export function FieldGroup({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <fieldset className="field-group" aria-labelledby={headingId}>
      <div className="field-group-head">
        <span id={headingId}>{title}</span>
        {actions ? <span className="field-group-actions">{actions}</span> : null}
      </div>
      {children}
    </fieldset>
  );
}

/** Messages about a whole list ("Add at least one option"), shown above it. */
export function ListMessages({ path }: { path: string }) {
  const messages = useFieldMessages(path);
  return (
    <>
      {messages.map((message) => (
        <p className="field-error" role="alert" key={message} data-field-message={path}>
          {message}
        </p>
      ))}
    </>
  );
}
