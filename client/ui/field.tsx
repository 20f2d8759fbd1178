/**
 * @module
 * Form fields: a label, the control, a hint and an error wired together with
 * ids so screen readers read them, and native controls styled for touch.
 *
 * @example
 * <Field label="账号" hint="例如 c01-k01-op">
 *   {(ids) => <Input {...ids} value={id()} onInput={(e) => setId(e.currentTarget.value)} />}
 * </Field>
 */
import { createUniqueId, type JSX, Show, splitProps } from 'solid-js';

export interface FieldIds {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export interface FieldProps {
  label: JSX.Element;
  hint?: JSX.Element;
  error?: JSX.Element;
  required?: boolean;
  children: (ids: FieldIds) => JSX.Element;
}

export function Field(props: FieldProps) {
  const id = createUniqueId();
  const described = () =>
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="lx-field">
      <label class="lx-field__label" for={id}>
        {props.label}
        <Show when={props.required}>
          <span class="lx-field__required" aria-hidden="true">
            *
          </span>
        </Show>
      </label>
      {props.children({
        id,
        'aria-describedby': described() || undefined,
        'aria-invalid': props.error ? true : undefined,
      })}
      <Show when={props.hint}>
        <p class="lx-field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="lx-field__error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

export function Input(props: JSX.InputHTMLAttributes<HTMLInputElement>) {
  const [own, rest] = splitProps(props, ['class']);
  return <input class={`lx-input${own.class ? ` ${own.class}` : ''}`} {...rest} />;
}

export function Select(props: JSX.SelectHTMLAttributes<HTMLSelectElement>) {
  const [own, rest] = splitProps(props, ['class']);
  return <select class={`lx-input lx-select${own.class ? ` ${own.class}` : ''}`} {...rest} />;
}

export function TextArea(props: JSX.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [own, rest] = splitProps(props, ['class']);
  return <textarea class={`lx-input lx-textarea${own.class ? ` ${own.class}` : ''}`} {...rest} />;
}
