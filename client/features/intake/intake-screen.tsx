/**
 * @module
 * The intake screen (受理登记, Alt+N): one form in the order a call goes —
 * who calls (and what they called about before), what the matter is (with
 * the knowledge base answering alongside), what happens to it — and the
 * ticket number on screen from the first keystroke, large, to read out
 * before the call ends ("话毕单成"). Ctrl+Enter saves. Works offline.
 */
import { useNavigate } from '@solidjs/router';
import { createMemo, For, type JSX, Match, onMount, Show, Switch } from 'solid-js';
import type { KbHit } from '../../../shared/domain/kb/search';
import { spokenTicketNumber } from '../../../shared/domain/ticket-number';
import { TOPIC_GROUP_NAMES, TOPICS, topicByCode } from '../../../shared/domain/topics';
import type { TicketDoc } from '../../../shared/schema/ticket-doc';
import {
  ChannelSchema,
  TicketCategorySchema,
  UrgencySchema,
} from '../../../shared/schema/ticket-enums';
import { type Workspace, workspace } from '../../app/workspace';
import { locale, t } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { zh } from '../../i18n/zh';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Combobox, type ComboboxOption } from '../../ui/combobox';
import { EmptyState } from '../../ui/empty-state';
import { Field, Input, Select, TextArea } from '../../ui/field';
import { IconAlert, IconCheck, IconPhone } from '../../ui/icons';
import { useShortcut } from '../../ui/shortcuts';
import { showToast } from '../../ui/toast';
import type { IntakeError, OutcomeDraft } from './intake-model';
import { createIntakeStore, type IntakeStore } from './store';
import './intake.css';

const REFER_REASONS = [
  'judicial',
  'litigation',
  'malicious',
  'empty',
  'advertising',
  'other',
] as const;
const SERVICES = ['110', '119', '120', '122'] as const;
const REPEAT_DAYS = 30;

function topicName(code: string): string {
  const topic = topicByCode(code);
  if (!topic) return code;
  return locale() === 'en' ? topic.en : topic.zh;
}

function statusLabel(status: string): string {
  return status in zh.status ? t(`status.${status as keyof typeof zh.status}`) : status;
}

/** The number as the operator reads it out: groups of digits, large. */
function TicketNumber(props: { number: string | null }) {
  return (
    <section class="lx-intake__number" aria-live="polite" data-testid="intake-number">
      <span class="lx-intake__number-label">{t('intakeForm.numberLabel')}</span>
      <Show
        when={props.number}
        fallback={<span class="lx-intake__number-pending">{t('intakeForm.numberPending')}</span>}
      >
        {(n) => (
          <>
            <strong class="lx-intake__number-value lx-num" data-number={n()}>
              {spokenTicketNumber(n())}
            </strong>
            <span class="lx-intake__number-hint">{t('intakeForm.numberHint')}</span>
          </>
        )}
      </Show>
    </section>
  );
}

function Snippet(props: { hit: KbHit }) {
  const parts = createMemo(() => {
    const out: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const [start, end] of props.hit.highlights) {
      if (start > at) out.push({ text: props.hit.snippet.slice(at, start), mark: false });
      out.push({ text: props.hit.snippet.slice(start, end), mark: true });
      at = end;
    }
    if (at < props.hit.snippet.length) out.push({ text: props.hit.snippet.slice(at), mark: false });
    return out;
  });
  return (
    <p class="lx-kb__snippet">
      <For each={parts()}>{(p) => (p.mark ? <mark>{p.text}</mark> : p.text)}</For>
    </p>
  );
}

function CallerHistory(props: { store: IntakeStore }) {
  const s = props.store;
  const repeatIds = createMemo(() => new Set(s.repeats().map((r) => r.ticketId)));
  return (
    <div class="lx-intake__aside" data-testid="caller-history">
      <Show when={s.repeats().length > 0}>
        <div class="lx-intake__repeat" role="alert" data-testid="repeat-warning">
          <IconAlert size={20} />
          <div>
            <strong>{t('intakeForm.repeat')}</strong>
            <p>{t('intakeForm.repeatBody', { n: s.repeats().length, days: REPEAT_DAYS })}</p>
          </div>
        </div>
      </Show>
      <h3 class="lx-intake__aside-title">
        {t('intakeForm.history')}
        <Show when={s.history().length > 0}>
          <span class="lx-intake__aside-count">
            {t('intakeForm.historyCount', { n: s.history().length })}
          </span>
        </Show>
      </h3>
      <Show
        when={s.history().length > 0}
        fallback={
          <p class="lx-intake__aside-empty">
            {s.form.phone.replace(/\D/g, '').length >= 7
              ? t('intakeForm.historyEmpty')
              : t('intakeForm.historyHint')}
          </p>
        }
      >
        <ul class="lx-intake__history">
          <For each={s.history().slice(0, 5)}>
            {(doc: TicketDoc) => (
              <li classList={{ 'lx-intake__history-item--repeat': repeatIds().has(doc.id) }}>
                <a href={`/tickets/${doc.id}`} class="lx-intake__history-link">
                  <span class="lx-num">{spokenTicketNumber(doc.number)}</span>
                  <span class="lx-intake__history-meta">
                    {topicName(doc.topic)} · {formatDate(doc.createdAt)}
                  </span>
                </a>
                <Badge tone={repeatIds().has(doc.id) ? 'warn' : 'neutral'}>
                  {statusLabel(doc.status)}
                </Badge>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

function KbSuggestions(props: { store: IntakeStore }) {
  const s = props.store;
  const cite = (title: string) => t('intakeForm.kbCite', { title });
  return (
    <div class="lx-intake__aside lx-kb" data-testid="kb-suggestions">
      <h3 class="lx-intake__aside-title">{t('intakeForm.kb')}</h3>
      <Switch>
        <Match when={!s.kbReady()}>
          <p class="lx-intake__aside-empty">{t('intakeForm.kbLoading')}</p>
        </Match>
        <Match when={s.form.description.trim().length < 2}>
          <p class="lx-intake__aside-empty">{t('intakeForm.kbHint')}</p>
        </Match>
        <Match when={s.kbHits().length === 0}>
          <p class="lx-intake__aside-empty">{t('intakeForm.kbEmpty')}</p>
        </Match>
        <Match when={s.kbHits().length > 0}>
          <ol class="lx-kb__list">
            <For each={s.kbHits()}>
              {(hit) => (
                <li
                  class="lx-kb__hit"
                  classList={{ 'lx-kb__hit--chosen': s.draft.articleId === hit.id }}
                  data-testid="kb-hit"
                >
                  <div class="lx-kb__head">
                    <strong class="lx-kb__title">{hit.title}</strong>
                    <Badge tone={hit.kind === 'notice' ? 'info' : 'neutral'}>
                      {t(`intakeForm.kbKind_${hit.kind}`)}
                    </Badge>
                  </div>
                  <Snippet hit={hit} />
                  <Button
                    size="s"
                    variant={s.draft.articleId === hit.id ? 'primary' : 'secondary'}
                    icon={s.draft.articleId === hit.id ? <IconCheck size={16} /> : undefined}
                    onClick={() => s.useArticle(hit.slug, cite)}
                  >
                    {t('intakeForm.kbUse')}
                  </Button>
                </li>
              )}
            </For>
          </ol>
        </Match>
      </Switch>
    </div>
  );
}

function errorText(errors: readonly IntakeError[], field: IntakeError): string | undefined {
  if (!errors.includes(field)) return undefined;
  switch (field) {
    case 'description':
    case 'topic':
    case 'areaId':
    case 'units':
    case 'answer':
    case 'referTo':
      return t(`intakeForm.error_${field}`);
    default:
      return undefined;
  }
}

function DispatchPanel(props: { store: IntakeStore; ws: Workspace }) {
  const s = props.store;
  const levels = ['township', 'department', 'enterprise'] as const;
  const byLevel = (level: string) => s.units().filter((u) => u.level === level);
  return (
    <div class="lx-intake__outcome-panel" data-testid="dispatch-panel">
      <fieldset class="lx-units" aria-describedby="lx-units-hint">
        <legend class="lx-field__label">{t('intakeForm.units')}</legend>
        <p class="lx-field__hint" id="lx-units-hint">
          {t('intakeForm.unitsHint')}
        </p>
        <For each={levels}>
          {(level) => (
            <Show when={byLevel(level).length > 0}>
              <div class="lx-units__group">
                <span class="lx-units__level">{t(`intakeForm.level_${level}`)}</span>
                <div class="lx-units__chips">
                  <For each={byLevel(level)}>
                    {(unit) => (
                      <label
                        class="lx-chip"
                        classList={{ 'lx-chip--on': s.draft.units.includes(unit.id) }}
                      >
                        <input
                          type="checkbox"
                          checked={s.draft.units.includes(unit.id)}
                          onChange={() => s.toggleUnit(unit.id)}
                          data-unit={unit.id}
                        />
                        <span>{unit.name}</span>
                        <Show when={s.suggested().includes(unit.id)}>
                          <span class="lx-chip__tag">{t('intakeForm.suggested')}</span>
                        </Show>
                      </label>
                    )}
                  </For>
                </div>
              </div>
            </Show>
          )}
        </For>
        <Show when={errorText(s.errors(), 'units')}>
          {(e) => (
            <p class="lx-field__error" role="alert">
              {e()}
            </p>
          )}
        </Show>
      </fieldset>
      <Show when={s.draft.units.length > 1}>
        <fieldset class="lx-units">
          <legend class="lx-field__label">{t('intakeForm.lead')}</legend>
          <div class="lx-units__chips">
            <For each={s.draft.units}>
              {(unitId) => (
                <label class="lx-chip" classList={{ 'lx-chip--on': s.draft.lead === unitId }}>
                  <input
                    type="radio"
                    name="lx-lead"
                    checked={s.draft.lead === unitId}
                    onChange={() => s.setDraft('lead', unitId)}
                  />
                  <span>{props.ws.unitName(unitId)}</span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <div class="lx-intake__row">
        <Field label={t('intakeForm.mode')}>
          {(ids) => (
            <Select
              {...ids}
              value={s.draft.units.length > 1 ? 'co_signed' : s.draft.mode}
              disabled={s.draft.units.length > 1}
              onChange={(e) => s.setDraft('mode', e.currentTarget.value as OutcomeDraft['mode'])}
            >
              <option value="time_limited">{t('intakeForm.mode_time_limited')}</option>
              <option value="committed">{t('intakeForm.mode_committed')}</option>
              <Show when={s.draft.units.length > 1}>
                <option value="co_signed">{t('intakeForm.mode_co_signed')}</option>
              </Show>
            </Select>
          )}
        </Field>
        <Field label={t('intakeForm.limitDays')} hint={t('intakeForm.limitDaysHint')}>
          {(ids) => (
            <Input
              {...ids}
              type="number"
              min={1}
              max={60}
              inputmode="numeric"
              value={s.draft.limitDays}
              onInput={(e) => s.setDraft('limitDays', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </div>
  );
}

function OutcomePanel(props: { store: IntakeStore; ws: Workspace }) {
  const s = props.store;
  return (
    <Switch>
      <Match when={s.draft.kind === 'answer'}>
        <div class="lx-intake__outcome-panel">
          <Field label={t('intakeForm.answer')} required error={errorText(s.errors(), 'answer')}>
            {(ids) => (
              <TextArea
                {...ids}
                rows={5}
                data-testid="answer-text"
                placeholder={t('intakeForm.answerPlaceholder')}
                value={s.draft.answerText}
                onInput={(e) => s.setDraft('answerText', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </Match>
      <Match when={s.draft.kind === 'dispatch'}>
        <DispatchPanel store={s} ws={props.ws} />
      </Match>
      <Match when={s.draft.kind === 'leader'}>
        <div class="lx-intake__outcome-panel">
          <Field label={t('intakeForm.leaderNote')}>
            {(ids) => (
              <TextArea
                {...ids}
                rows={3}
                placeholder={t('intakeForm.leaderNotePlaceholder')}
                value={s.draft.leaderNote}
                onInput={(e) => s.setDraft('leaderNote', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </Match>
      <Match when={s.draft.kind === 'refer'}>
        <div class="lx-intake__outcome-panel lx-intake__row">
          <Field label={t('intakeForm.referReason')}>
            {(ids) => (
              <Select
                {...ids}
                value={s.draft.referReason}
                onChange={(e) =>
                  s.setDraft('referReason', e.currentTarget.value as OutcomeDraft['referReason'])
                }
              >
                <For each={REFER_REASONS}>
                  {(r) => <option value={r}>{t(`intakeForm.reason_${r}`)}</option>}
                </For>
              </Select>
            )}
          </Field>
          <Field label={t('intakeForm.referTo')} required error={errorText(s.errors(), 'referTo')}>
            {(ids) => (
              <Input
                {...ids}
                placeholder={t('intakeForm.referToPlaceholder')}
                value={s.draft.referTo}
                onInput={(e) => s.setDraft('referTo', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </Match>
      <Match when={s.draft.kind === 'emergency'}>
        <div class="lx-intake__outcome-panel">
          <div class="lx-units__chips" role="radiogroup" aria-label={t('intakeForm.service')}>
            <For each={SERVICES}>
              {(service) => (
                <label class="lx-chip" classList={{ 'lx-chip--on': s.draft.service === service }}>
                  <input
                    type="radio"
                    name="lx-service"
                    checked={s.draft.service === service}
                    onChange={() => s.setDraft('service', service)}
                  />
                  <span>{t(`intakeForm.service_${service}`)}</span>
                </label>
              )}
            </For>
          </div>
        </div>
      </Match>
    </Switch>
  );
}

function Saved(props: { store: IntakeStore }) {
  const navigate = useNavigate();
  let next: HTMLButtonElement | undefined;
  onMount(() => next?.focus());
  return (
    <Show when={props.store.saved()}>
      {(saved) => (
        <Card class="lx-intake__saved">
          <div class="lx-intake__saved-body" data-testid="intake-saved">
            <span class="lx-intake__saved-icon">
              <IconCheck size={28} />
            </span>
            <h2>{t('intakeForm.savedTitle')}</h2>
            <strong class="lx-intake__number-value lx-num">
              {spokenTicketNumber(saved().number)}
            </strong>
            <p class="lx-page__meta">
              {t(`intakeForm.outcome_${saved().kind}`)} · {t('intakeForm.savedBody')}
            </p>
            <div class="lx-intake__saved-actions">
              <Button onClick={() => navigate(`/tickets/${saved().ticketId}`)}>
                {t('intakeForm.openTicket')}
              </Button>
              <Button
                variant="primary"
                ref={(el) => {
                  next = el;
                }}
                onClick={() => props.store.reset()}
                data-testid="intake-next"
              >
                {t('intakeForm.next')}
              </Button>
            </div>
          </div>
        </Card>
      )}
    </Show>
  );
}

function IntakeForm(props: { ws: Workspace }) {
  const s = createIntakeStore(props.ws);
  const ws = props.ws;
  const topicOptions = createMemo<ComboboxOption[]>(() => {
    const en = locale() === 'en';
    return TOPICS.map((topic) => ({
      value: topic.code,
      label: en ? topic.en : topic.zh,
      keywords: en ? topic.zh : topic.en,
      group: en ? TOPIC_GROUP_NAMES[topic.group].en : TOPIC_GROUP_NAMES[topic.group].zh,
    }));
  });
  const submit = async (e?: Event) => {
    e?.preventDefault();
    const result = await s.save();
    if (Array.isArray(result)) {
      if (result.length > 0) {
        const first = document.querySelector<HTMLElement>('.lx-intake [aria-invalid="true"]');
        first?.focus();
      }
      return;
    }
    showToast({ message: t('intakeForm.savedToast', { number: result.number }), tone: 'ok' });
  };
  useShortcut({ key: 'Enter', ctrl: true, label: () => t('intakeForm.saveHint') }, () => {
    if (!s.saved()) void submit();
  });
  useShortcut({ key: 'n', alt: true, label: () => t('shortcuts.newTicket') }, () => {
    if (s.saved()) s.reset();
    document.querySelector<HTMLElement>('[data-intake-first]')?.focus();
  });
  onMount(() => document.querySelector<HTMLElement>('[data-intake-first]')?.focus());
  const err = (f: IntakeError) => errorText(s.errors(), f);
  const onFormInput = () => void s.ensureNumber();

  return (
    <div class="lx-page lx-intake">
      <div class="lx-intake__head">
        <div class="lx-page__head">
          <h1 class="lx-page__title">{t('intake.title')}</h1>
          <p class="lx-page__meta">
            {ws.unitName(ws.session.user.unitId)} · {ws.session.user.name}
          </p>
        </div>
        <TicketNumber number={s.issued()?.number ?? null} />
      </div>
      <Show when={!s.saved()} fallback={<Saved store={s} />}>
        <form
          class="lx-intake__form"
          onSubmit={(e) => void submit(e)}
          onInput={onFormInput}
          onChange={onFormInput}
          novalidate
          data-testid="intake-form"
        >
          <Card title={t('intakeForm.caller')}>
            <div class="lx-intake__split">
              <div class="lx-intake__fields">
                <div class="lx-intake__row">
                  <Field label={t('intakeForm.phone')}>
                    {(ids) => (
                      <Input
                        {...ids}
                        data-intake-first
                        type="tel"
                        inputmode="tel"
                        autocomplete="off"
                        class="lx-num"
                        placeholder={t('intakeForm.phonePlaceholder')}
                        value={s.form.phone}
                        onInput={(e) => s.setForm('phone', e.currentTarget.value)}
                      />
                    )}
                  </Field>
                  <Field label={t('intakeForm.name')}>
                    {(ids) => (
                      <Input
                        {...ids}
                        autocomplete="off"
                        placeholder={t('intakeForm.namePlaceholder')}
                        value={s.form.name}
                        onInput={(e) => s.setForm('name', e.currentTarget.value)}
                      />
                    )}
                  </Field>
                </div>
                <Field label={t('intakeForm.address')}>
                  {(ids) => (
                    <Input
                      {...ids}
                      autocomplete="off"
                      placeholder={t('intakeForm.addressPlaceholder')}
                      value={s.form.address}
                      onInput={(e) => s.setForm('address', e.currentTarget.value)}
                    />
                  )}
                </Field>
                <Show
                  when={s.form.category === 'report'}
                  fallback={
                    <label class="lx-check">
                      <input
                        type="checkbox"
                        checked={s.form.confidential}
                        onChange={(e) => s.setForm('confidential', e.currentTarget.checked)}
                        data-testid="confidential"
                      />
                      <span>
                        {t('intakeForm.confidential')}
                        <small>{t('intakeForm.confidentialHint')}</small>
                      </span>
                    </label>
                  }
                >
                  <label class="lx-check lx-check--report">
                    <input
                      type="checkbox"
                      checked={s.form.confidentialityWaived}
                      onChange={(e) => s.setForm('confidentialityWaived', e.currentTarget.checked)}
                      data-testid="waiver"
                    />
                    <span>
                      {t('intakeForm.waiver')}
                      <small>{t('intakeForm.reportConfidential')}</small>
                    </span>
                  </label>
                </Show>
              </div>
              <CallerHistory store={s} />
            </div>
          </Card>

          <Card title={t('intakeForm.matter')}>
            <div class="lx-intake__split">
              <div class="lx-intake__fields">
                <div class="lx-intake__row lx-intake__row--3">
                  <Field label={t('intakeForm.channel')}>
                    {(ids) => (
                      <Select
                        {...ids}
                        value={s.form.channel}
                        onChange={(e) =>
                          s.setForm('channel', ChannelSchema.parse(e.currentTarget.value))
                        }
                      >
                        <For each={ChannelSchema.options}>
                          {(c) => <option value={c}>{t(`channel.${c}`)}</option>}
                        </For>
                      </Select>
                    )}
                  </Field>
                  <Field label={t('intakeForm.category')}>
                    {(ids) => (
                      <Select
                        {...ids}
                        value={s.form.category}
                        data-testid="category"
                        onChange={(e) =>
                          s.setForm('category', TicketCategorySchema.parse(e.currentTarget.value))
                        }
                      >
                        <For each={TicketCategorySchema.options}>
                          {(c) => <option value={c}>{t(`category.${c}`)}</option>}
                        </For>
                      </Select>
                    )}
                  </Field>
                  <Field label={t('intakeForm.urgency')}>
                    {(ids) => (
                      <Select
                        {...ids}
                        value={s.form.urgency}
                        onChange={(e) =>
                          s.setForm('urgency', UrgencySchema.parse(e.currentTarget.value))
                        }
                      >
                        <For each={UrgencySchema.options}>
                          {(u) => <option value={u}>{t(`urgency.${u}`)}</option>}
                        </For>
                      </Select>
                    )}
                  </Field>
                </div>
                <div class="lx-intake__row">
                  <Field label={t('intakeForm.topic')} required error={err('topic')}>
                    {(ids) => (
                      <Combobox
                        {...ids}
                        data-testid="topic"
                        options={topicOptions()}
                        value={s.form.topic}
                        placeholder={t('intakeForm.topicPlaceholder')}
                        emptyText={t('intakeForm.topicEmpty')}
                        onChange={(v) => {
                          s.setForm('topic', v);
                          void s.ensureNumber();
                        }}
                      />
                    )}
                  </Field>
                  <Field label={t('intakeForm.area')} required error={err('areaId')}>
                    {(ids) => (
                      <Select
                        {...ids}
                        data-testid="area"
                        value={s.form.areaId}
                        onChange={(e) => s.setForm('areaId', e.currentTarget.value)}
                      >
                        <option value="">{t('intakeForm.areaChoose')}</option>
                        <For each={s.areas()}>
                          {(unit) => (
                            <option value={unit.id}>
                              {unit.kind === 'centre'
                                ? t('intakeForm.areaCentre', { name: unit.shortName ?? unit.name })
                                : unit.name}
                            </option>
                          )}
                        </For>
                      </Select>
                    )}
                  </Field>
                </div>
                <Field label={t('intakeForm.location')}>
                  {(ids) => (
                    <Input
                      {...ids}
                      autocomplete="off"
                      placeholder={t('intakeForm.locationPlaceholder')}
                      value={s.form.location}
                      onInput={(e) => s.setForm('location', e.currentTarget.value)}
                    />
                  )}
                </Field>
                <Field label={t('intakeForm.description')} required error={err('description')}>
                  {(ids) => (
                    <TextArea
                      {...ids}
                      rows={5}
                      data-testid="description"
                      placeholder={t('intakeForm.descriptionPlaceholder')}
                      value={s.form.description}
                      onInput={(e) => s.setForm('description', e.currentTarget.value)}
                    />
                  )}
                </Field>
              </div>
              <KbSuggestions store={s} />
            </div>
          </Card>

          <Card title={t('intakeForm.outcome')}>
            <div class="lx-outcomes" role="radiogroup" aria-label={t('intakeForm.outcome')}>
              <For each={s.outcomes()}>
                {(kind) => (
                  <label
                    class="lx-outcome"
                    classList={{ 'lx-outcome--on': s.draft.kind === kind }}
                    data-outcome={kind}
                  >
                    <input
                      type="radio"
                      name="lx-outcome"
                      value={kind}
                      checked={s.draft.kind === kind}
                      onChange={() => s.setDraft('kind', kind)}
                    />
                    <span class="lx-outcome__name">{t(`intakeForm.outcome_${kind}`)}</span>
                    <span class="lx-outcome__hint">{t(`intakeForm.outcomeHint_${kind}`)}</span>
                  </label>
                )}
              </For>
            </div>
            <OutcomePanel store={s} ws={ws} />
          </Card>

          <div class="lx-intake__actions">
            <Show when={s.errors().length > 0}>
              <p class="lx-field__error" role="alert">
                {t('intakeForm.errors')}
              </p>
            </Show>
            <span class="lx-intake__shortcut lx-hide-touch">
              <kbd class="lx-kbd">Ctrl</kbd>+<kbd class="lx-kbd">Enter</kbd>
            </span>
            <Button type="submit" variant="primary" busy={s.saving()} data-testid="intake-save">
              {s.saving() ? t('intakeForm.saving') : t('intakeForm.save')}
            </Button>
          </div>
        </form>
      </Show>
    </div>
  );
}

/** The `/intake` route: the form once the workspace (local database) is open. */
export function IntakeScreen(): JSX.Element {
  const allowed = () => {
    const roles = workspace()?.session.user.roles ?? [];
    return roles.includes('operator') || roles.includes('dispatcher');
  };
  return (
    <Show
      when={workspace()}
      fallback={
        <div class="lx-page">
          <h1 class="lx-page__title">{t('intake.title')}</h1>
          <p class="lx-page__meta">{t('intakeForm.loadingWorkspace')}</p>
        </div>
      }
      keyed
    >
      {(ws) => (
        <Show
          when={allowed()}
          fallback={
            <div class="lx-page">
              <h1 class="lx-page__title">{t('intake.title')}</h1>
              <Card>
                <EmptyState icon={<IconPhone size={28} />} title={t('intakeForm.notAllowed')} />
              </Card>
            </div>
          }
        >
          <IntakeForm ws={ws} />
        </Show>
      )}
    </Show>
  );
}
