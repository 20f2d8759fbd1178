/**
 * @module
 * Badges (counts, labels) and status pills (a dot and a word): the colour
 * repeats what the word says, never replaces it.
 */
import type { JSX } from 'solid-js';

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger' | 'accent';

export function Badge(props: { tone?: Tone; children: JSX.Element; title?: string }) {
  return (
    <span class={`lx-badge lx-tone--${props.tone ?? 'neutral'}`} title={props.title}>
      {props.children}
    </span>
  );
}

export function StatusPill(props: { tone?: Tone; children: JSX.Element }) {
  return (
    <span class={`lx-pill lx-tone--${props.tone ?? 'neutral'}`}>
      <span class="lx-pill__dot" aria-hidden="true" />
      {props.children}
    </span>
  );
}
