/** @module What a list shows when it has nothing: what this is and what to do next. */
import { type JSX, Show } from 'solid-js';

export interface EmptyStateProps {
  icon?: JSX.Element;
  title: JSX.Element;
  body?: JSX.Element;
  action?: JSX.Element;
}

export function EmptyState(props: EmptyStateProps) {
  return (
    <div class="lx-empty">
      <Show when={props.icon}>
        <div class="lx-empty__icon">{props.icon}</div>
      </Show>
      <h3 class="lx-empty__title">{props.title}</h3>
      <Show when={props.body}>
        <p class="lx-empty__body">{props.body}</p>
      </Show>
      <Show when={props.action}>
        <div class="lx-empty__action">{props.action}</div>
      </Show>
    </div>
  );
}
