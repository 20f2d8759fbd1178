/**
 * @module
 * The ticket page (`/tickets/:id`): the number large enough to read to a
 * caller, the facts, the caller (when this unit may see them), the units
 * with their clocks, the whole timeline with conflicts marked, the record's
 * sync state, and an action bar with exactly what `availableActions` offers.
 * It follows the local database live and works offline.
 */
import { A, useParams } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { assignmentClock } from '../../../shared/domain/ticket/sla';
import { ACTIVE_ASSIGNMENT, type Assignment } from '../../../shared/domain/ticket/state';
import { workspace } from '../../app/workspace';
import { locale, t } from '../../i18n';
import { formatCountdown, formatDate, formatDateTime, formatDeadline } from '../../i18n/format';
import { Badge, StatusPill } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { IconReview, IconSignature } from '../../ui/icons';
import { useShortcut } from '../../ui/shortcuts';
import { showToast } from '../../ui/toast';
import { topicLabel } from '../queues/queue-screen';
import { categoryTone, statusTone, useNow } from '../queues/tones';
import { ActionForm } from './action-form';
import { createTicketStore, MAIN_STEPS, type OfferedAction, type TicketStore } from './store';
import { Timeline } from './timeline';
import './ticket.css';

function AssignmentCard(props: { a: Assignment }) {
  const ws = workspace;
  const now = useNow();
  const clock = () => {
    const w = ws();
    return w && ACTIVE_ASSIGNMENT.has(props.a.status)
      ? assignmentClock(props.a, now(), w.db.calendar())
      : null;
  };
  return (
    <li class="lx-asg" data-testid="assignment">
      <div class="lx-asg__head">
        <span class="lx-asg__unit">{ws()?.unitName(props.a.unitId) ?? props.a.unitId}</span>
        <Badge tone={props.a.lead ? 'info' : 'neutral'}>
          {t(props.a.lead ? 'work.ticket.lead' : 'work.ticket.co')}
        </Badge>
        <StatusPill tone={ACTIVE_ASSIGNMENT.has(props.a.status) ? 'info' : 'neutral'}>
          {t(`work.assignment.${props.a.status}`)}
        </StatusPill>
      </div>
      <Show when={clock()}>
        {(c) => (
          <p
            class={`lx-countdown lx-countdown--${c().overdue ? 'overdue' : c().dueSoon ? 'soon' : 'ok'}`}
          >
            <span class="lx-num">
              {`${t(`work.stage.${c().stage}`)} · ${
                formatCountdown({
                  deadline: c().deadline,
                  now: now(),
                  workingDaysLeft: c().workingDaysLeft,
                }).text
              }`}
            </span>
          </p>
        )}
      </Show>
      <dl class="lx-asg__facts">
        <dt>{t('work.ticket.mode')}</dt>
        <dd>{t(`work.mode.${props.a.mode}`)}</dd>
        <dt>{t('work.ticket.deadline')}</dt>
        <dd class="lx-num">{formatDeadline(props.a.deadline)}</dd>
        <Show when={props.a.signedAt}>
          {(at) => (
            <>
              <dt>{t('work.ticket.signedAt')}</dt>
              <dd class="lx-num">{formatDateTime(at())}</dd>
            </>
          )}
        </Show>
        <Show when={props.a.promisedDeadline}>
          {(at) => (
            <>
              <dt>{t('work.ticket.promised')}</dt>
              <dd class="lx-num">{formatDate(at())}</dd>
            </>
          )}
        </Show>
        <Show when={props.a.extensionDaysGranted > 0}>
          <dt>{t('work.ticket.extension')}</dt>
          <dd>{t('work.detail.days', { n: props.a.extensionDaysGranted })}</dd>
        </Show>
        <Show when={props.a.extensionRequest}>
          {(r) => (
            <>
              <dt>{t('work.ticket.extensionRequest')}</dt>
              <dd>{`${t('work.detail.days', { n: r().days })} · ${r().reason}`}</dd>
            </>
          )}
        </Show>
        <Show when={props.a.returns + props.a.sendBacks + props.a.redos + props.a.urges > 0}>
          <dt>{t('work.ticket.history')}</dt>
          <dd>
            {t('work.ticket.counts', {
              returns: props.a.returns,
              sendBacks: props.a.sendBacks,
              redos: props.a.redos,
              urges: props.a.urges,
            })}
          </dd>
        </Show>
      </dl>
      <Show when={props.a.pendingReply ?? (props.a.reply ? { text: props.a.reply } : null)}>
        {(r) => <p class="lx-asg__reply">{r().text}</p>}
      </Show>
    </li>
  );
}

function SyncState(props: { store: TicketStore }) {
  return (
    <Switch>
      <Match when={props.store.syncState()?.state === 'pending'}>
        <StatusPill tone="warn">{t('work.record.pending')}</StatusPill>
      </Match>
      <Match when={props.store.syncState()?.state === 'synced'}>
        <StatusPill tone="ok">{t('work.record.synced')}</StatusPill>
      </Match>
      <Match
        when={(() => {
          const s = props.store.syncState();
          return s?.state === 'rejected' ? s.rejections : null;
        })()}
      >
        {(rejections) => (
          <div class="lx-recstate">
            <StatusPill tone="danger">{t('work.record.rejected')}</StatusPill>
            <For each={rejections()}>
              {(r) => (
                <p class="lx-recstate__reason" data-testid="record-rejection">
                  {locale() === 'en' ? r.messageEn : r.messageZh}
                </p>
              )}
            </For>
          </div>
        )}
      </Match>
    </Switch>
  );
}

function ActionBar(props: { store: TicketStore; onOpen: (a: OfferedAction) => void }) {
  const [busy, setBusy] = createSignal(false);
  const sign = async (a: OfferedAction) => {
    setBusy(true);
    try {
      const r = await props.store.perform(a, {});
      if (r.ok)
        showToast({ message: t('work.form.done', { action: t('work.act.signed') }), tone: 'ok' });
    } finally {
      setBusy(false);
    }
  };
  const run = (a: OfferedAction) => (a.type === 'signed' ? void sign(a) : props.onOpen(a));
  useShortcut({ key: 's', label: () => t('work.shortcut.sign') }, () => {
    const a = props.store.actions().find((x) => x.type === 'signed');
    if (a && !busy()) run(a);
  });
  return (
    <div
      class="lx-actionbar"
      role="toolbar"
      aria-label={t('work.ticket.actions')}
      data-testid="action-bar"
    >
      <Show
        when={props.store.actions().length > 0}
        fallback={<p class="lx-actionbar__none">{t('work.ticket.noActions')}</p>}
      >
        <For each={props.store.actions()}>
          {(a, i) => (
            <Button
              variant={i() === 0 && MAIN_STEPS.has(a.type) ? 'primary' : 'secondary'}
              icon={a.type === 'signed' ? <IconSignature size={18} /> : undefined}
              busy={a.type === 'signed' && busy()}
              onClick={() => run(a)}
              data-action={a.type}
            >
              {t(`work.act.${a.type}`)}
              <Show when={a.type === 'signed'}>
                <kbd class="lx-kbd lx-hide-touch">S</kbd>
              </Show>
            </Button>
          )}
        </For>
      </Show>
    </div>
  );
}

export function TicketScreen() {
  const params = useParams<{ id: string }>();
  const store = createTicketStore(() => params.id);
  const [open, setOpen] = createSignal<OfferedAction | null>(null);
  const ws = workspace;
  return (
    <div class="lx-page lx-ticket" data-testid="ticket-screen">
      <Switch>
        <Match when={store.view() === undefined}>
          <p class="lx-page__meta">{t('common.loading')}</p>
        </Match>
        <Match when={store.view() === null}>
          <Card>
            <EmptyState
              icon={<IconReview size={28} />}
              title={t('work.ticket.notHere')}
              body={t('work.ticket.notHereBody')}
              action={
                <A href="/" class="lx-btn lx-btn--secondary lx-btn--m">
                  {t('notFound.back')}
                </A>
              }
            />
          </Card>
        </Match>
        <Match when={store.view()}>
          {(view) => {
            const s = () => view().state;
            return (
              <>
                <header class="lx-ticket__head">
                  <div class="lx-ticket__id">
                    <p class="lx-ticket__label">{t('work.ticket.number')}</p>
                    <h1 class="lx-ticket__number lx-num">{s().number}</h1>
                    <div class="lx-ticket__pills">
                      <StatusPill tone={statusTone(s().status)}>
                        <span data-testid="ticket-status">{t(`status.${s().status}`)}</span>
                      </StatusPill>
                      <Badge tone={categoryTone(s().category)}>
                        {t(`category.${s().category}`)}
                      </Badge>
                      <Badge>{topicLabel(s().topic)}</Badge>
                      <Badge tone={s().urgency === 'normal' ? 'neutral' : 'danger'}>
                        {t(`urgency.${s().urgency}`)}
                      </Badge>
                      <Show when={s().confidential}>
                        <Badge tone="accent" title={t('work.ticket.confidentialHint')}>
                          {t('work.ticket.confidential')}
                        </Badge>
                      </Show>
                      <Show when={s().conflictCount > 0}>
                        <Badge tone="warn">
                          {t('work.queue.conflicts', { n: s().conflictCount })}
                        </Badge>
                      </Show>
                    </div>
                  </div>
                  <dl class="lx-ticket__meta">
                    <dt>{t('work.ticket.createdAt')}</dt>
                    <dd class="lx-num">{formatDateTime(s().createdAt)}</dd>
                    <dt>{t('work.ticket.channel')}</dt>
                    <dd>{t(`channel.${s().channel}`)}</dd>
                    <dt>{t('work.ticket.centre')}</dt>
                    <dd>{ws()?.unitName(s().centreId)}</dd>
                    <dt>{t('work.ticket.sync')}</dt>
                    <dd data-testid="record-state">
                      <SyncState store={store} />
                    </dd>
                  </dl>
                </header>

                <ActionBar store={store} onOpen={setOpen} />

                <div class="lx-ticket__grid">
                  <div class="lx-ticket__main">
                    <Card title={t('work.ticket.request')}>
                      <p class="lx-ticket__desc">{s().description}</p>
                      <dl class="lx-ticket__facts">
                        <dt>{t('work.ticket.area')}</dt>
                        <dd>{ws()?.unitName(s().areaId)}</dd>
                        <Show when={s().location}>
                          <dt>{t('work.ticket.location')}</dt>
                          <dd>{s().location}</dd>
                        </Show>
                        <Show when={s().upperRef}>
                          <dt>{t('work.ticket.upperRef')}</dt>
                          <dd class="lx-num">{s().upperRef}</dd>
                        </Show>
                      </dl>
                      <For each={s().instructions}>
                        {(i) => (
                          <p class="lx-ticket__instruction">
                            <strong>{t('work.event.leader_instructed')}</strong>
                            {i.text}
                          </p>
                        )}
                      </For>
                    </Card>
                    <Card
                      title={t('work.ticket.timeline')}
                      actions={
                        <span class="lx-page__meta">
                          {t('work.ticket.events', { n: s().timeline.length })}
                        </span>
                      }
                    >
                      <Timeline entries={s().timeline} />
                    </Card>
                  </div>
                  <aside class="lx-ticket__side">
                    <Card title={t('work.ticket.caller')}>
                      <Switch>
                        <Match when={!store.mayReadContact()}>
                          <p class="lx-ticket__hidden">
                            {t(
                              s().confidential
                                ? 'work.ticket.callerConfidential'
                                : 'work.ticket.callerNotHere',
                            )}
                          </p>
                        </Match>
                        <Match when={store.contact()}>
                          {(c) => (
                            <dl class="lx-ticket__facts" data-testid="caller">
                              <dt>{t('work.caller.name')}</dt>
                              <dd>{c().name || '—'}</dd>
                              <dt>{t('work.caller.phone')}</dt>
                              <dd class="lx-num">
                                <Show when={c().phone} fallback="—">
                                  <a href={`tel:${c().phone}`} class="lx-ticket__phone">
                                    {c().phone}
                                  </a>
                                </Show>
                              </dd>
                              <Show when={c().address}>
                                <dt>{t('work.caller.address')}</dt>
                                <dd>{c().address}</dd>
                              </Show>
                              <Show when={c().employer}>
                                <dt>{t('work.caller.employer')}</dt>
                                <dd>{c().employer}</dd>
                              </Show>
                            </dl>
                          )}
                        </Match>
                        <Match when={true}>
                          <p class="lx-ticket__hidden">{t('work.ticket.callerNotHere')}</p>
                        </Match>
                      </Switch>
                    </Card>
                    <Card title={t('work.ticket.units')}>
                      <Show
                        when={s().assignments.length > 0}
                        fallback={<p class="lx-ticket__hidden">{t('work.ticket.noUnits')}</p>}
                      >
                        <ul class="lx-asgs">
                          <For each={s().assignments}>{(a) => <AssignmentCard a={a} />}</For>
                        </ul>
                      </Show>
                    </Card>
                  </aside>
                </div>
                <ActionForm
                  action={open()}
                  state={s()}
                  onClose={() => setOpen(null)}
                  perform={store.perform}
                />
              </>
            );
          }}
        </Match>
      </Switch>
    </div>
  );
}
