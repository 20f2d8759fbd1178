/**
 * @module
 * Light and dark (夜间模式, for the night shift) themes. The choice is kept on
 * the device; with none, the system's `prefers-color-scheme` decides. The
 * theme is applied as `<html data-theme>`; `index.html` sets it before the
 * first paint with the same storage key, so a night shift never sees a flash
 * of white.
 */
import { createEffect, createRoot, createSignal } from 'solid-js';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'lianxin.theme';
const THEME_COLOURS: Record<Theme, string> = { light: '#b4232a', dark: '#14181e' };

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

const media =
  typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
const [systemDark, setSystemDark] = createSignal(media?.matches ?? false);
media?.addEventListener('change', (e) => setSystemDark(e.matches));

const [chosen, setChosen] = createSignal<Theme | null>(storedTheme());

/** The theme in force: the user's choice, else the system's. */
export function theme(): Theme {
  return chosen() ?? (systemDark() ? 'dark' : 'light');
}

/** Chooses a theme and remembers it on this device. */
export function setTheme(next: Theme): void {
  setChosen(next);
  try {
    localStorage.setItem(THEME_STORAGE_KEY, next);
  } catch {
    // not persisted; the switch still holds for this page
  }
}

export function toggleTheme(): void {
  setTheme(theme() === 'dark' ? 'light' : 'dark');
}

createRoot(() => {
  createEffect(() => {
    if (typeof document === 'undefined') return;
    const current = theme();
    document.documentElement.dataset.theme = current;
    document.documentElement.style.colorScheme = current;
    document
      .querySelector('meta[name="theme-color"]')
      ?.setAttribute('content', THEME_COLOURS[current]);
  });
});
