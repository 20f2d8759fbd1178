/**
 * @module
 * The top bar's sync indicator: online or offline, writes waiting for the
 * server (待同步 N 条), the last sync, a badge for what the server refused
 * (opening the list with its reasons in the current language), and a thin
 * progress bar while a fresh device pulls its first copy.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { dismissRejection, observeRejected } from '../data/rejected';
import { useNow } from '../features/queues/tones';
import { locale, t } from '../i18n';
import { formatDateTime, formatNumber, formatRelative } from '../i18n/format';
import { StatusPill } from '../ui/badge';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { online } from '../ui/online';
import { useObservable } from '../ui/use-observable';
import { workspace } from './workspace';
import './sync-slot.css';

export function SyncSlot() {
  const sync = () => workspace()?.sync;
  const isOnline = () => sync()?.online() ?? online();
  const pending = () => sync()?.pending() ?? 0;
  const last = () => sync()?.lastSyncAt() ?? null;
  const progress = () => sync()?.progress();
  const rejected = useObservable(() => {
    const ws = workspace();
    return ws ? observeRejected(ws.db) : null;
  });
  const [open, setOpen] = createSignal(false);
  const now = useNow();
  const pulled = () => Object.values(progress()?.pulled ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <span class="lx-sync-slot">
      <span
        data-testid="sync-indicator"
        title={isOnline() ? (sync()?.lastError() ?? undefined) : t('sync.offlineHint')}
      >
        <Show when={isOnline()} fallback={<StatusPill tone="warn">{t('sync.offline')}</StatusPill>}>
          <StatusPill tone="ok">{t('sync.online')}</StatusPill>
        </Show>
      </span>
      <Show when={pending() > 0}>
        <span class="lx-sync-slot__pending lx-num" data-testid="sync-pending">
          {t('sync.pending', { count: formatNumber(pending()) })}
        </span>
      </Show>
      <span class="lx-sync-slot__last lx-num" data-testid="sync-last">
        {(() => {
          const at = last();
          now();
          return at === null
            ? t('sync.neverSynced')
            : t('sync.lastSync', { time: formatRelative(at) });
        })()}
      </span>
      <Show when={(rejected()?.length ?? 0) > 0}>
        <button
          type="button"
          class="lx-sync-slot__rejected"
          data-testid="sync-rejected"
          onClick={() => setOpen(true)}
        >
          {t('sync.rejected', { count: formatNumber(rejected()?.length ?? 0) })}
        </button>
      </Show>
      <Show when={progress() && !progress()?.done}>
        <span
          class="lx-sync-progress"
          role="progressbar"
          aria-label={t('work.sync.initial')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round((progress()?.fraction ?? 0) * 100)}
          aria-valuetext={t('work.sync.pulled', { n: formatNumber(pulled()) })}
          data-testid="sync-progress"
        >
          <span
            class="lx-sync-progress__bar"
            style={{ width: `${Math.max(3, Math.round((progress()?.fraction ?? 0) * 100))}%` }}
          />
        </span>
      </Show>
      <Dialog open={open()} onClose={() => setOpen(false)} title={t('work.sync.rejectedTitle')}>
        <p class="lx-rejected__intro">{t('work.sync.rejectedIntro')}</p>
        <ul class="lx-rejected" data-testid="rejected-list">
          <For each={rejected() ?? []}>
            {(r) => (
              <li class="lx-rejected__item">
                <div class="lx-rejected__head">
                  <strong>{locale() === 'en' ? r.messageEn : r.messageZh}</strong>
                  <time class="lx-num">{formatDateTime(r.at)}</time>
                </div>
                <p class="lx-rejected__what">
                  {r.eventId
                    ? t('work.sync.rejectedEvent', {
                        type: String((r.payload as { type?: string }).type ?? r.eventId),
                      })
                    : t('work.sync.rejectedRecord', { collection: r.collectionName })}
                  {' · '}
                  <code>{r.reason}</code>
                </p>
                <div class="lx-rejected__actions">
                  <Show when={r.collectionName === 'tickets'}>
                    <A
                      href={`/tickets/${r.recordId}`}
                      class="lx-btn lx-btn--ghost lx-btn--s"
                      onClick={() => setOpen(false)}
                    >
                      {t('work.sync.openTicket')}
                    </A>
                  </Show>
                  <Button
                    size="s"
                    variant="ghost"
                    onClick={() => {
                      const ws = workspace();
                      if (ws) void dismissRejection(ws.db, r.id);
                    }}
                  >
                    {t('work.sync.dismiss')}
                  </Button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Dialog>
    </span>
  );
}
