/**
 * @module
 * Keyboard shortcuts for PC users (operators type while they talk):
 * one global listener, shortcuts registered by the screens that own them and
 * listed in the help dialog (?). Single-key shortcuts (`/`, `?`) are ignored
 * while the user types in a field; chords with Ctrl/Alt always work.
 *
 * @example
 * useShortcut({ key: 'n', alt: true, label: () => t('shortcuts.newTicket') }, () => navigate('/intake'));
 */
import { createSignal, onCleanup } from 'solid-js';

export interface ShortcutKeys {
  /** `KeyboardEvent.key`, compared case-insensitively */
  key: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

export interface Shortcut extends ShortcutKeys {
  /** a description for the help dialog (reactive, so it follows the locale) */
  label: () => string;
}

interface Registered {
  shortcut: Shortcut;
  run: (event: KeyboardEvent) => void;
}

const [registered, setRegistered] = createSignal<Registered[]>([]);

/** The shortcuts in force, for the help dialog. */
export function activeShortcuts(): Shortcut[] {
  return registered().map((r) => r.shortcut);
}

/** How the keys read on a keyboard: `Alt+N`, `Ctrl+Enter`, `/`. */
export function describeKeys(keys: ShortcutKeys): string {
  const parts: string[] = [];
  if (keys.ctrl) parts.push('Ctrl');
  if (keys.alt) parts.push('Alt');
  if (keys.shift) parts.push('Shift');
  parts.push(keys.key.length === 1 ? keys.key.toUpperCase() : keys.key);
  return parts.join('+');
}

/** Registers a shortcut; returns a function that removes it. */
export function registerShortcut(shortcut: Shortcut, run: (event: KeyboardEvent) => void) {
  const entry: Registered = { shortcut, run };
  setRegistered((list) => [...list, entry]);
  return () => setRegistered((list) => list.filter((r) => r !== entry));
}

/** Registers a shortcut for the lifetime of the calling component. */
export function useShortcut(shortcut: Shortcut, run: (event: KeyboardEvent) => void): void {
  onCleanup(registerShortcut(shortcut, run));
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

function matches(keys: ShortcutKeys, e: KeyboardEvent): boolean {
  // With Alt held, some layouts change `key` (macOS: Alt+N is ˜); fall back to the physical key.
  const key = keys.alt && e.code.startsWith('Key') ? e.code.slice(3) : e.key;
  return (
    key.toLowerCase() === keys.key.toLowerCase() &&
    !!keys.alt === e.altKey &&
    !!keys.ctrl === (e.ctrlKey || e.metaKey) &&
    // `?` and other shifted characters arrive with Shift held: only check it when asked for.
    (keys.shift === undefined || keys.shift === e.shiftKey)
  );
}

/** Installs the global listener once; returns a function that removes it. */
export function installShortcuts(target: Window = window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return; // never while an IME composes Chinese
    const list = registered();
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = list[i];
      if (!entry || !matches(entry.shortcut, e)) continue;
      const chord = entry.shortcut.alt || entry.shortcut.ctrl;
      if (!chord && isTyping(e.target)) return;
      e.preventDefault();
      entry.run(e);
      return;
    }
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}

/** Ctrl+Enter's default action: submit the form that holds the focus. */
export function submitFocusedForm(): boolean {
  const active = document.activeElement;
  const form = active instanceof HTMLElement ? active.closest('form') : null;
  if (!form) return false;
  form.requestSubmit();
  return true;
}
