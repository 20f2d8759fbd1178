/**
 * @module
 * Buttons: at least 44 px high for gloved or hurried fingers on a tablet,
 * one `primary` per screen.
 */
import { type JSX, Show, splitProps } from 'solid-js';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'm' | 's';
  /** shown before the label */
  icon?: JSX.Element;
  /** a busy button is disabled and says so to screen readers */
  busy?: boolean;
  block?: boolean;
}

export function Button(props: ButtonProps) {
  const [own, rest] = splitProps(props, [
    'variant',
    'size',
    'icon',
    'busy',
    'block',
    'class',
    'children',
    'type',
  ]);
  return (
    <button
      type={own.type ?? 'button'}
      class={`lx-btn lx-btn--${own.variant ?? 'secondary'} lx-btn--${own.size ?? 'm'}${own.block ? ' lx-btn--block' : ''}${own.class ? ` ${own.class}` : ''}`}
      aria-busy={own.busy ? 'true' : undefined}
      disabled={own.busy || rest.disabled}
      {...rest}
    >
      <Show when={own.busy} fallback={own.icon}>
        <span class="lx-spinner" aria-hidden="true" />
      </Show>
      {own.children}
    </button>
  );
}

export interface IconButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  /** what the button does, for screen readers and the tooltip */
  label: string;
  children: JSX.Element;
}

/** A square 44 px button with an icon and an accessible name. */
export function IconButton(props: IconButtonProps) {
  const [own, rest] = splitProps(props, ['label', 'children', 'class', 'type']);
  return (
    <button
      type={own.type ?? 'button'}
      class={`lx-icon-btn${own.class ? ` ${own.class}` : ''}`}
      aria-label={own.label}
      title={own.label}
      {...rest}
    >
      {own.children}
    </button>
  );
}
