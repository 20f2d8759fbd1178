/**
 * @module
 * The top bar: the product mark and the unit's name, a search slot, the sync
 * indicator slot, the locale and theme switches, and any extra actions.
 */
import { type JSX, Show } from 'solid-js';
import { locale, setLocale, t } from '../i18n';
import { BrandMark } from './brand-mark';
import { IconButton } from './button';
import { IconKeyboard, IconMoon, IconSun } from './icons';
import { setTheme, theme } from './theme';

export interface TopBarProps {
  unitName: JSX.Element;
  /** e.g. the user's name and post */
  subtitle?: JSX.Element;
  search?: JSX.Element;
  /** where `client/sync/status.ts`'s indicator goes */
  sync?: JSX.Element;
  onShowShortcuts?: () => void;
  actions?: JSX.Element;
}

export function LocaleSwitch() {
  return (
    <button
      type="button"
      class="lx-switch-btn"
      lang={locale() === 'en' ? 'zh-CN' : 'en'}
      aria-label={t('locale.switchToLabel')}
      title={t('locale.switchToLabel')}
      data-testid="locale-switch"
      onClick={() => setLocale(locale() === 'en' ? 'zh-CN' : 'en')}
    >
      {t('locale.switchTo')}
    </button>
  );
}

export function ThemeSwitch() {
  return (
    <IconButton
      label={theme() === 'dark' ? t('theme.toLight') : t('theme.toDark')}
      aria-pressed={theme() === 'dark'}
      data-testid="theme-switch"
      onClick={() => setTheme(theme() === 'dark' ? 'light' : 'dark')}
    >
      <Show when={theme() === 'dark'} fallback={<IconMoon />}>
        <IconSun />
      </Show>
    </IconButton>
  );
}

export function TopBar(props: TopBarProps) {
  return (
    <header class="lx-topbar">
      <div class="lx-topbar__brand">
        <BrandMark size={32} />
        <div class="lx-topbar__titles">
          <span class="lx-topbar__unit">{props.unitName}</span>
          <Show when={props.subtitle}>
            <span class="lx-topbar__sub">{props.subtitle}</span>
          </Show>
        </div>
      </div>
      <div class="lx-topbar__search">{props.search}</div>
      <div class="lx-topbar__tools">
        {props.sync}
        <LocaleSwitch />
        <ThemeSwitch />
        <Show when={props.onShowShortcuts}>
          <IconButton
            label={t('shortcuts.open')}
            class="lx-hide-touch"
            onClick={() => props.onShowShortcuts?.()}
          >
            <IconKeyboard />
          </IconButton>
        </Show>
        {props.actions}
      </div>
    </header>
  );
}
