/**
 * @module
 * A queue (`/?queue=…`): a dense list of the unit's tickets, most urgent
 * first, each row a link to the ticket. Everything comes from the local
 * database, so the list works offline and updates as sync brings changes.
 */
import { useSearchParams } from '@solidjs/router';
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { ACTIVE_ASSIGNMENT } from '../../../shared/domain/ticket/state';
import { topicByCode } from '../../../shared/domain/topics';
import { isQueueKey, type QueueKey } from '../../app/queues';
import { workspace } from '../../app/workspace';
import type { QueueItem } from '../../data/tickets';
import { currentSession } from '../../features/login/session-adapter';
import { locale, t } from '../../i18n';
import { formatCountdown, formatDateTime, formatDeadline, formatNumber } from '../../i18n/format';
import { Badge, StatusPill } from '../../ui/badge';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { IconInbox } from '../../ui/icons';
import { ProgressBar } from '../../ui/progress-bar';
import { defaultQueue, useQueue } from './store';
import { categoryTone, statusTone, useNow } from './tones';
import './queues.css';

/** The topic's name in the current locale (the code when unknown). */
export function topicLabel(code: string): string {
  const topic = topicByCode(code);
  if (!topic) return code;
  return locale() === 'en' ? topic.en : topic.zh;
}

function ClockCell(props: { item: QueueItem }) {
  const now = useNow();
  return (
    <Show when={props.item.clock} fallback={<span class="lx-qrow__noclock">—</span>}>
      {(clock) => {
        const tone = () => (clock().overdue ? 'overdue' : clock().dueSoon ? 'soon' : 'ok');
        return (
          <time
            class={`lx-countdown lx-countdown--${tone()}`}
            dateTime={new Date(clock().deadline).toISOString()}
            title={formatDeadline(clock().deadline)}
          >
            <span class="lx-num">
              {
                formatCountdown({
                  deadline: clock().deadline,
                  now: now(),
                  workingDaysLeft: clock().workingDaysLeft,
                }).text
              }
            </span>
          </time>
        );
      }}
    </Show>
  );
}

function QueueRow(props: { item: QueueItem }) {
  const ws = workspace;
  const s = () => props.item.state;
  const unit = () => {
    const w = ws();
    if (!w) return '';
    const lead =
      s().assignments.find((a) => a.lead && ACTIVE_ASSIGNMENT.has(a.status)) ??
      s().assignments.at(-1);
    const area = w.unitName(s().areaId);
    const handler = props.item.clock?.unitId ?? lead?.unitId;
    return handler && handler !== s().areaId ? `${area} · ${w.unitName(handler)}` : area;
  };
  return (
    <li>
      <a
        class={`lx-qrow${props.item.clock?.overdue ? ' lx-qrow--overdue' : ''}`}
        href={`/tickets/${props.item.doc.id}`}
        data-testid="queue-row"
      >
        <span class="lx-qrow__number lx-num">
          {s().number}
          <span class="lx-qrow__marks">
            <Show when={s().urgency !== 'normal'}>
              <Badge tone="danger">{t(`urgency.${s().urgency}`)}</Badge>
            </Show>
            <Show when={s().confidential}>
              <Badge tone="accent">{t('work.ticket.confidential')}</Badge>
            </Show>
            <Show when={s().conflictCount > 0}>
              <Badge tone="warn">{t('work.queue.conflicts', { n: s().conflictCount })}</Badge>
            </Show>
          </span>
        </span>
        <span class="lx-qrow__subject">
          <span class="lx-qrow__topline">
            <Badge tone={categoryTone(s().category)}>{t(`category.${s().category}`)}</Badge>
            <span class="lx-qrow__topic">{topicLabel(s().topic)}</span>
          </span>
          <span class="lx-qrow__desc">{s().description}</span>
        </span>
        <span class="lx-qrow__unit">{unit()}</span>
        <span class="lx-qrow__status">
          <StatusPill tone={statusTone(s().status)}>{t(`status.${s().status}`)}</StatusPill>
        </span>
        <span class="lx-qrow__clock">
          <ClockCell item={props.item} />
        </span>
      </a>
    </li>
  );
}

export function QueueScreen() {
  const [search] = useSearchParams();
  const queue = createMemo<QueueKey>(() =>
    isQueueKey(search.queue) ? search.queue : defaultQueue(),
  );
  const items = useQueue(queue);
  const now = useNow();
  const name = () => currentSession()?.user.name ?? '';
  const progress = () => workspace()?.sync.progress();
  const pulled = () => Object.values(progress()?.pulled ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <div class="lx-page" data-testid="queue-screen">
      <div class="lx-page__head lx-queue__head">
        <h1 class="lx-page__title">{`${t('home.title')} · ${t(`queue.${queue()}`)}`}</h1>
        <p class="lx-page__meta">
          {`${t('home.greeting', { name: name() })} · ${formatDateTime(now())}`}
          <Show when={items()}>
            {(list) => (
              <span class="lx-queue__count" data-testid="queue-count">
                {' · '}
                {t('work.queue.total', { n: formatNumber(list().length) })}
              </span>
            )}
          </Show>
        </p>
      </div>
      <Show when={progress() && !progress()?.done}>
        <Card>
          <ProgressBar
            value={progress()?.fraction}
            label={t('work.sync.initial')}
            detail={t('work.sync.pulled', { n: formatNumber(pulled()) })}
          />
        </Card>
      </Show>
      <Card class="lx-queue">
        <Switch>
          <Match when={items() === undefined}>
            <p class="lx-queue__loading">{t('common.loading')}</p>
          </Match>
          <Match when={items()?.length === 0}>
            <EmptyState
              icon={<IconInbox size={28} />}
              title={t('work.queue.empty', { queue: t(`queue.${queue()}`) })}
              body={t('work.queue.emptyBody')}
            />
          </Match>
          <Match when={items()}>
            {(list) => (
              <>
                <div class="lx-qhead" aria-hidden="true">
                  <span>{t('work.queue.colNumber')}</span>
                  <span>{t('work.queue.colSubject')}</span>
                  <span>{t('work.queue.colUnit')}</span>
                  <span>{t('work.queue.colStatus')}</span>
                  <span>{t('work.queue.colClock')}</span>
                </div>
                <ul class="lx-qlist" aria-label={t(`queue.${queue()}`)}>
                  <For each={list()}>{(item) => <QueueRow item={item} />}</For>
                </ul>
              </>
            )}
          </Match>
        </Switch>
      </Card>
    </div>
  );
}
