/**
 * @module
 * The top bar's sync indicator. For now it shows only whether the device has
 * a network; `client/sync/status.ts` (pending count, last sync, rejected
 * records) replaces its content once it lands — the i18n keys `sync.*` are
 * ready for it.
 */
import { Show } from 'solid-js';
import { t } from '../i18n';
import { StatusPill } from '../ui/badge';
import { online } from '../ui/online';

export function SyncSlot() {
  return (
    <span
      class="lx-sync-slot"
      data-testid="sync-indicator"
      title={online() ? undefined : t('sync.offlineHint')}
    >
      <Show when={online()} fallback={<StatusPill tone="warn">{t('sync.offline')}</StatusPill>}>
        <StatusPill tone="ok">{t('sync.online')}</StatusPill>
      </Show>
    </span>
  );
}
