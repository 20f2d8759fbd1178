/**
 * @module
 * The ticket's whole history: every event with who, which unit, when (Beijing
 * time) and what it said. Events the fold could not apply stay in place,
 * highlighted with the conflict's reason in the current language.
 */
import { For, Show } from 'solid-js';
import { CONFLICT_REASONS } from '../../../shared/domain/ticket/conflicts';
import type { TimelineEntry } from '../../../shared/domain/ticket/state';
import { hlcMillis } from '../../../shared/lib/hlc';
import { RoleSchema } from '../../../shared/schema/ticket-enums';
import {
  isKnownEvent,
  type StoredEvent,
  type TicketEvent,
} from '../../../shared/schema/ticket-event';
import { workspace } from '../../app/workspace';
import { pick, t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

interface Described {
  title: string;
  lines: string[];
}

// The posts come from the shared schema: never a second list.
const ROLE_KEYS: ReadonlySet<string> = new Set(RoleSchema.options);

function unitList(
  units: readonly { unitId: string; lead: boolean }[],
  name: (id: string) => string,
) {
  return units
    .map((u) =>
      units.length > 1 && u.lead ? `${name(u.unitId)}（${t('work.form.lead')}）` : name(u.unitId),
    )
    .join('、');
}

/** What an event says, in the current locale. */
export function describeEvent(e: StoredEvent, name: (unitId: string) => string): Described {
  if (!isKnownEvent(e)) return { title: t('work.event.unknown', { type: e.type }), lines: [] };
  const ev: TicketEvent = e;
  const lines: string[] = [];
  const push = (s: string | undefined | null) => {
    if (s && s.trim() !== '') lines.push(s);
  };
  let title = t(`work.event.${ev.type}`);
  switch (ev.type) {
    case 'created':
      push(`${t(`channel.${ev.data.channel}`)} · ${t(`category.${ev.data.category}`)}`);
      break;
    case 'corrected':
      push(
        Object.keys(ev.data.changes)
          .map((k) => t('work.detail.changed', { field: k }))
          .join('、'),
      );
      push(ev.data.reason);
      break;
    case 'answered':
      push(ev.data.text);
      break;
    case 'referred_out':
      push(t(`work.outOfScope.${ev.data.reason}`));
      push(ev.data.referTo);
      push(ev.data.note);
      break;
    case 'emergency_transferred':
      title = t(`work.service.${ev.data.service}`);
      push(ev.data.note);
      break;
    case 'leader_routed':
    case 'urged':
    case 'archived':
      push(ev.data.note);
      break;
    case 'leader_instructed':
      push(ev.data.instruction);
      if (ev.data.dispatch)
        push(t('work.detail.to', { units: unitList(ev.data.dispatch.units, name) }));
      break;
    case 'dispatched':
    case 'transferred':
      push(
        `${t('work.detail.to', { units: unitList(ev.data.units, name) })}${'mode' in ev.data ? ` · ${t(`work.mode.${ev.data.mode}`)}` : ''}${ev.data.limitDays ? ` · ${t('work.detail.limit', { n: ev.data.limitDays })}` : ''}`,
      );
      push(ev.data.note);
      break;
    case 'signed':
      push(name(ev.data.unitId));
      break;
    case 'returned':
      push(t(`work.returnReason.${ev.data.reason}`));
      push(ev.data.note);
      break;
    case 'return_reviewed':
      push(`${name(ev.data.unitId)} · ${t(`work.decision.${ev.data.decision}`)}`);
      push(ev.data.note);
      break;
    case 'noted':
      push(ev.data.text);
      break;
    case 'extension_requested':
      push(t('work.detail.days', { n: ev.data.days }));
      push(ev.data.reason);
      break;
    case 'extension_decided':
      push(
        `${name(ev.data.unitId)} · ${t(ev.data.approved ? 'work.decision.approve' : 'work.decision.reject')}${ev.data.days ? ` · ${t('work.detail.days', { n: ev.data.days })}` : ''}`,
      );
      push(ev.data.note);
      break;
    case 'replied':
      title = `${title} · ${t(`work.replyKind.${ev.data.kind}`)}`;
      push(ev.data.text);
      if (ev.data.promisedDate) push(t('work.detail.promised', { date: ev.data.promisedDate }));
      if (ev.data.contactedCaller) push(t('work.form.contactedCaller'));
      break;
    case 'unit_reviewed':
      push(t(ev.data.approved ? 'work.decision.unitApprove' : 'work.decision.unitReject'));
      push(ev.data.note);
      break;
    case 'reviewed':
      push(
        `${name(ev.data.unitId)} · ${t(ev.data.decision === 'accept' ? 'work.decision.accept' : 'work.decision.sendBack')}`,
      );
      push(ev.data.note);
      break;
    case 'callback_done': {
      const d = ev.data;
      if (!d.reached) push(t('work.detail.notReached'));
      else {
        const parts = [
          d.solved === undefined ? '' : t(d.solved ? 'work.detail.solved' : 'work.detail.unsolved'),
          d.processSatisfaction
            ? `${t('work.form.processSatisfaction')}：${t(`work.satisfaction.${d.processSatisfaction}`)}`
            : '',
          d.resultSatisfaction
            ? `${t('work.form.resultSatisfaction')}：${t(`work.satisfaction.${d.resultSatisfaction}`)}`
            : '',
          d.falseReply ? t('work.form.falseReply') : '',
        ].filter(Boolean);
        push(parts.join(' · '));
      }
      push(d.comment);
      break;
    }
    case 'redo':
      push(t('work.detail.to', { units: ev.data.unitIds.map(name).join('、') }));
      push(ev.data.reason);
      break;
    case 'supervised':
      if (ev.data.onSite) title = t('work.event.supervisedOnSite');
      push(ev.data.note);
      break;
    case 'merged':
      push(ev.data.intoTicketId);
      push(ev.data.note);
      break;
    case 'reopened':
      push(ev.data.reason);
      break;
  }
  return { title, lines };
}

export function Timeline(props: { entries: readonly TimelineEntry[] }) {
  const ws = workspace;
  const unitName = (id: string) => ws()?.unitName(id) ?? id;
  return (
    <ol class="lx-tl" data-testid="timeline">
      <For each={props.entries}>
        {(entry) => {
          const e = entry.event;
          const d = () => describeEvent(e, unitName);
          const role = () =>
            ROLE_KEYS.has(e.actor.role) ? t(`role.${e.actor.role as 'operator'}`) : e.actor.role;
          const at = hlcMillis(e.at);
          return (
            <li
              class="lx-tl__item"
              classList={{ 'lx-tl__item--conflict': entry.conflict !== null }}
              data-testid="timeline-entry"
              data-event-type={e.type}
            >
              <span class="lx-tl__dot" aria-hidden="true" />
              <div class="lx-tl__head">
                <span class="lx-tl__title">{d().title}</span>
                <time class="lx-tl__time lx-num" dateTime={new Date(at).toISOString()}>
                  {formatDateTime(at)}
                </time>
              </div>
              <p class="lx-tl__who">
                {`${ws()?.userName(e.actor.userId) ?? e.actor.userId} · ${role()} · ${unitName(e.actor.unitId)}`}
              </p>
              <For each={d().lines}>{(line) => <p class="lx-tl__text">{line}</p>}</For>
              <Show when={entry.conflict}>
                {(reason) => (
                  <p class="lx-tl__conflict" data-testid="timeline-conflict">
                    <span class="lx-tl__mark" aria-hidden="true">
                      !
                    </span>
                    <span>
                      <strong>{t('work.ticket.conflict')}</strong>
                      {pick(CONFLICT_REASONS[reason()])}
                    </span>
                  </p>
                )}
              </Show>
            </li>
          );
        }}
      </For>
    </ol>
  );
}
