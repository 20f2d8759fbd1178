/** @module The UI kit: domain-agnostic components, theme and shortcuts. */
export { Badge, StatusPill, type Tone } from './badge';
export { BrandMark } from './brand-mark';
export { Button, type ButtonProps, IconButton } from './button';
export { Card } from './card';
export { Countdown } from './countdown';
export { Dialog } from './dialog';
export { EmptyState } from './empty-state';
export { Field, type FieldIds, Input, Select, TextArea } from './field';
export * from './icons';
export { online } from './online';
export { ProgressBar } from './progress-bar';
export {
  activeShortcuts,
  describeKeys,
  installShortcuts,
  registerShortcut,
  type Shortcut,
  submitFocusedForm,
  useShortcut,
} from './shortcuts';
export { ShortcutsDialog } from './shortcuts-dialog';
export { type TabItem, Tabs } from './tabs';
export { setTheme, type Theme, theme, toggleTheme } from './theme';
export { dismissToast, showToast, Toaster } from './toast';
export { LocaleSwitch, ThemeSwitch, TopBar } from './top-bar';
