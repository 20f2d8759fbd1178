/**
 * @module
 * Tabs with the ARIA tabs pattern: arrow keys move between tabs, the panel
 * is labelled by its tab.
 */
import { createUniqueId, For, type JSX } from 'solid-js';

export interface TabItem<K extends string> {
  key: K;
  label: JSX.Element;
  /** e.g. a count badge */
  extra?: JSX.Element;
}

export interface TabsProps<K extends string> {
  items: readonly TabItem<K>[];
  value: K;
  onChange: (key: K) => void;
  label: string;
  children: JSX.Element;
}

export function Tabs<K extends string>(props: TabsProps<K>) {
  const id = createUniqueId();
  const refs: HTMLButtonElement[] = [];
  const move = (from: number, step: number) => {
    const count = props.items.length;
    const next = (from + step + count) % count;
    const item = props.items[next];
    if (!item) return;
    props.onChange(item.key);
    refs[next]?.focus();
  };
  return (
    <div class="lx-tabs">
      <div class="lx-tabs__list" role="tablist" aria-label={props.label}>
        <For each={props.items}>
          {(item, index) => (
            <button
              ref={(el) => {
                refs[index()] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${item.key}`}
              class="lx-tabs__tab"
              aria-selected={props.value === item.key}
              aria-controls={`${id}-panel`}
              tabIndex={props.value === item.key ? 0 : -1}
              onClick={() => props.onChange(item.key)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') move(index(), 1);
                else if (e.key === 'ArrowLeft') move(index(), -1);
              }}
            >
              {item.label}
              {item.extra}
            </button>
          )}
        </For>
      </div>
      <div
        class="lx-tabs__panel"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${props.value}`}
      >
        {props.children}
      </div>
    </div>
  );
}
