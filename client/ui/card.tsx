/** @module A surface with an optional title row and actions. */
import { type JSX, Show } from 'solid-js';

export interface CardProps {
  title?: JSX.Element;
  actions?: JSX.Element;
  class?: string;
  children: JSX.Element;
}

export function Card(props: CardProps) {
  return (
    <section class={`lx-card${props.class ? ` ${props.class}` : ''}`}>
      <Show when={props.title || props.actions}>
        <header class="lx-card__head">
          <h2 class="lx-card__title">{props.title}</h2>
          <div class="lx-card__actions">{props.actions}</div>
        </header>
      </Show>
      <div class="lx-card__body">{props.children}</div>
    </section>
  );
}
