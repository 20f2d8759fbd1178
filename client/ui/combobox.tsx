/**
 * @module
 * A searchable, grouped picker (ARIA combobox + listbox) for long code lists
 * such as a taxonomy: type to filter, ↑/↓ to move, Enter to choose, Escape
 * to close. The chosen option's label shows in the input; the value is the
 * option's code. Keyboard-first, so an operator never leaves the keys.
 *
 * @example
 * <Combobox id={ids.id} options={opts()} value={topic()} onChange={setTopic} placeholder="搜索" />
 */
import { createMemo, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import './combobox.css';

export interface ComboboxOption {
  value: string;
  label: string;
  /** options are shown under their group's heading, in the order given */
  group?: string;
  /** more text to match while filtering (another language, synonyms) */
  keywords?: string;
}

export interface ComboboxProps {
  id?: string;
  options: readonly ComboboxOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** shown when the filter matches nothing */
  emptyText?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'data-testid'?: string;
}

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export function Combobox(props: ComboboxProps): JSX.Element {
  const listId = createUniqueId();
  const [query, setQuery] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const selected = () => props.options.find((o) => o.value === props.value);
  const filtered = createMemo(() => {
    const q = fold(query() ?? '');
    if (q === '') return props.options;
    return props.options.filter((o) =>
      fold(`${o.label} ${o.keywords ?? ''} ${o.group ?? ''} ${o.value}`).includes(q),
    );
  });
  const choose = (option: ComboboxOption | undefined) => {
    if (!option) return;
    props.onChange(option.value);
    setQuery(null);
    setOpen(false);
  };
  const move = (delta: number) => {
    const n = filtered().length;
    if (n === 0) return;
    setOpen(true);
    setActive((i) => (i + delta + n) % n);
    document.getElementById(`${listId}-${active()}`)?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1);
    } else if (e.key === 'Enter' && open() && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      choose(filtered()[active()]);
    } else if (e.key === 'Escape' && open()) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setQuery(null);
    }
  };
  const groupStart = (i: number) => {
    const list = filtered();
    return i === 0 || list[i]?.group !== list[i - 1]?.group;
  };
  return (
    <div class="lx-combo">
      <input
        id={props.id}
        class="lx-input lx-combo__input"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open()}
        aria-controls={listId}
        aria-activedescendant={
          open() && filtered().length > 0 ? `${listId}-${active()}` : undefined
        }
        aria-describedby={props['aria-describedby']}
        aria-invalid={props['aria-invalid']}
        data-testid={props['data-testid']}
        placeholder={props.placeholder}
        value={query() ?? selected()?.label ?? ''}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => {
          e.currentTarget.select();
          setActive(Math.max(0, filtered().indexOf(selected() as ComboboxOption)));
        }}
        onClick={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onKeyDown={onKeyDown}
      />
      <Show when={open()}>
        <div class="lx-combo__popup">
          <div class="lx-combo__list" id={listId} role="listbox">
            <For each={filtered()}>
              {(option, i) => (
                <>
                  <Show when={option.group && groupStart(i())}>
                    <div class="lx-combo__group" aria-hidden="true">
                      {option.group}
                    </div>
                  </Show>
                  <div
                    id={`${listId}-${i()}`}
                    tabIndex={-1}
                    class="lx-combo__option"
                    role="option"
                    aria-selected={i() === active()}
                    data-current={option.value === props.value ? '' : undefined}
                    // mousedown, not click: it comes before the input's blur closes the list
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(option);
                    }}
                  >
                    <span>{option.label}</span>
                    <Show when={option.keywords}>
                      <span class="lx-combo__aside">{option.keywords}</span>
                    </Show>
                  </div>
                </>
              )}
            </For>
          </div>
          <Show when={filtered().length === 0}>
            <p class="lx-combo__empty">{props.emptyText}</p>
          </Show>
        </div>
      </Show>
    </div>
  );
}
