/** @module The shortcuts help dialog (?), listing what is registered right now. */
import { For } from 'solid-js';
import { t } from '../i18n';
import { Dialog } from './dialog';
import { activeShortcuts, describeKeys } from './shortcuts';

export function ShortcutsDialog(props: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title={t('shortcuts.title')} size="s">
      <dl class="lx-shortcuts">
        <For each={activeShortcuts()}>
          {(shortcut) => (
            <div class="lx-shortcuts__row">
              <dt>
                <kbd class="lx-kbd">{describeKeys(shortcut)}</kbd>
              </dt>
              <dd>{shortcut.label()}</dd>
            </div>
          )}
        </For>
        <div class="lx-shortcuts__row">
          <dt>
            <kbd class="lx-kbd">Esc</kbd>
          </dt>
          <dd>{t('shortcuts.close')}</dd>
        </div>
      </dl>
    </Dialog>
  );
}
