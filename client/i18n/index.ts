/**
 * @module
 * The locale signal (persisted in localStorage, zh-CN by default) and `t()`,
 * the typed translator over the flattened dictionaries.
 *
 * @example
 * t('queue.pending_sign')              // 待签收
 * t('sync.pending', { count: 3 })      // 待同步 3 条
 */
import { flatten, resolveTemplate, translator } from '@solid-primitives/i18n';
import { createEffect, createRoot, createSignal } from 'solid-js';
import { en } from './en';
import { type Dict, zh } from './zh';

export type Locale = 'zh-CN' | 'en';
export type { Dict };

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'lianxin.locale';

const dictionaries = { 'zh-CN': flatten(zh), en: flatten(en as Dict) } as const;
export type TranslationKey = keyof (typeof dictionaries)['zh-CN'];

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'zh-CN' ? value : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage blocked (private mode): Chinese, as the hotline works in it
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale());

/** The current locale. */
export { locale };

/** Switches the locale and remembers it on this device. */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; the switch still holds for this page
  }
}

/** Translates a key of the zh-CN dictionary in the current locale. */
export const t = translator(() => dictionaries[locale()], resolveTemplate);

/** Picks the current locale's text of a server message `{ zh, en }`. */
export function pick(message: { zh: string; en: string }): string {
  return locale() === 'en' ? message.en : message.zh;
}

// Keep <html lang> right for screen readers and CJK line breaking.
createRoot(() => {
  createEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale();
  });
});
