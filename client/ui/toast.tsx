/**
 * @module
 * Toasts: short notices in a live region, optionally with one action
 * (e.g. 更新可用 — 刷新). Call `showToast` from anywhere; render `<Toaster />`
 * once in the app frame.
 */
import { createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import type { Tone } from './badge';
import { IconButton } from './button';
import { IconClose } from './icons';

export interface ToastInput {
  message: string;
  tone?: Tone;
  action?: { label: string; run: () => void };
  /** ms before it goes away; 0 keeps it until dismissed (default 5000, 0 with an action) */
  duration?: number;
}

interface ToastItem extends ToastInput {
  id: number;
}

const [toasts, setToasts] = createSignal<ToastItem[]>([]);
let nextId = 1;

export function dismissToast(id: number): void {
  setToasts((list) => list.filter((item) => item.id !== id));
}

/** Shows a toast and returns its id. */
export function showToast(input: ToastInput): number {
  const id = nextId++;
  setToasts((list) => [...list, { ...input, id }]);
  const duration = input.duration ?? (input.action ? 0 : 5000);
  if (duration > 0) setTimeout(() => dismissToast(id), duration);
  return id;
}

export function Toaster() {
  return (
    <div class="lx-toaster" role="status" aria-live="polite">
      <For each={toasts()}>
        {(item) => (
          <div class={`lx-toast lx-tone--${item.tone ?? 'neutral'}`}>
            <span class="lx-toast__msg">{item.message}</span>
            <Show when={item.action}>
              {(action) => (
                <button
                  type="button"
                  class="lx-toast__action"
                  onClick={() => {
                    dismissToast(item.id);
                    action().run();
                  }}
                >
                  {action().label}
                </button>
              )}
            </Show>
            <IconButton
              label={t('common.close')}
              class="lx-toast__close"
              onClick={() => dismissToast(item.id)}
            >
              <IconClose size={16} />
            </IconButton>
          </div>
        )}
      </For>
    </div>
  );
}
