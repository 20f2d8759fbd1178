/**
 * @module
 * The small form of one action, built from `ACTION_FIELDS`: only the fields
 * the event needs, in a dialog. Ctrl+Enter submits; fields the schema
 * refuses are marked. The event is written on this device at once, so the
 * form works offline.
 */
import { createMemo, createSignal, createUniqueId, For, type JSX, Show } from 'solid-js';
import type { Assignment, TicketState } from '../../../shared/domain/ticket/state';
import type { Satisfaction } from '../../../shared/schema/ticket-enums';
import { workspace } from '../../app/workspace';
import { t } from '../../i18n';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { Field, Input, Select, TextArea } from '../../ui/field';
import { showToast } from '../../ui/toast';
import { ACTION_FIELDS, type ActionField, type ActionInput } from './actions';
import { type OfferedAction, type PerformResult, subjectAssignments, unitsBelow } from './store';

const RETURN_REASONS = [
  'not_our_duty',
  'wrong_area',
  'insufficient_info',
  'duplicate',
  'other',
] as const;
const OUT_OF_SCOPE = [
  'malicious',
  'empty',
  'advertising',
  'judicial',
  'litigation',
  'other',
] as const;
/**
 * The seeds ask on four levels; GB/T 39735-2020 on five (adds 非常不满意).
 * Which one the callback form offers is a setting kept on the device.
 */
const SCALES: Record<'4' | '5', readonly Satisfaction[]> = {
  '4': ['very_satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied'],
  '5': ['very_satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', 'very_unsatisfied'],
};
const SCALE_KEY = 'lianxin.satisfactionScale';
const [scale, setScaleSignal] = createSignal<'4' | '5'>(
  typeof localStorage !== 'undefined' && localStorage.getItem(SCALE_KEY) === '5' ? '5' : '4',
);
function setScale(value: '4' | '5'): void {
  setScaleSignal(value);
  try {
    localStorage.setItem(SCALE_KEY, value);
  } catch {
    // private mode: the choice lasts this session
  }
}
const SERVICES = ['110', '119', '120', '122'] as const;

/** A row of large toggle buttons (a radio group), for one-tap choices. */
function Choice<V extends string | boolean>(props: {
  label: string;
  value: V | undefined;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  invalid?: boolean;
}) {
  const name = createUniqueId();
  return (
    <fieldset class="lx-choice" aria-invalid={props.invalid ? true : undefined}>
      <legend class="lx-field__label">{props.label}</legend>
      <div class="lx-choice__row">
        <For each={props.options}>
          {(o) => (
            <label class="lx-choice__opt">
              <input
                type="radio"
                class="lx-visually-hidden"
                name={name}
                checked={props.value === o.value}
                onChange={() => props.onChange(o.value)}
              />
              {o.label}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

function Check(props: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label class="lx-check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

/** Units below the user's, to dispatch or transfer to; two or more make a co-signed ticket. */
function UnitPicker(props: {
  value: { unitId: string; lead: boolean }[];
  onChange: (units: { unitId: string; lead: boolean }[]) => void;
  exclude: ReadonlySet<string>;
  invalid?: boolean;
}) {
  const [filter, setFilter] = createSignal('');
  const ws = workspace;
  const all = createMemo(() => unitsBelow(ws()?.session.user.unitId ?? ''));
  const shown = () => {
    const f = filter().trim();
    return all().filter(
      (u) => !props.exclude.has(u.id) && (!f || u.name.includes(f) || u.id.includes(f)),
    );
  };
  const selected = (id: string) => props.value.some((u) => u.unitId === id);
  const toggle = (id: string) => {
    const next = selected(id)
      ? props.value.filter((u) => u.unitId !== id)
      : [...props.value, { unitId: id, lead: props.value.length === 0 }];
    const hasLead = next.some((u) => u.lead);
    props.onChange(next.map((u, i) => (hasLead || i > 0 ? u : { ...u, lead: true })));
  };
  const setLead = (id: string) =>
    props.onChange(props.value.map((u) => ({ ...u, lead: u.unitId === id })));
  return (
    <fieldset class="lx-picker" aria-invalid={props.invalid ? true : undefined}>
      <legend class="lx-field__label">{t('work.form.units')}</legend>
      <Input
        type="search"
        placeholder={t('work.form.unitFilter')}
        aria-label={t('work.form.unitFilter')}
        value={filter()}
        onInput={(e) => setFilter(e.currentTarget.value)}
      />
      <ul class="lx-picker__list">
        <For each={shown()}>
          {(u) => (
            <li
              class="lx-picker__row"
              classList={{ 'lx-picker__row--sub': u.parentId !== ws()?.session.user.unitId }}
            >
              <label class="lx-check">
                <input type="checkbox" checked={selected(u.id)} onChange={() => toggle(u.id)} />
                <span>{u.name}</span>
                <span class="lx-picker__level">{t(`work.level.${u.level}`)}</span>
              </label>
              <Show when={props.value.length > 1 && selected(u.id)}>
                <label class="lx-picker__lead">
                  <input
                    type="radio"
                    name="lead-unit"
                    checked={props.value.find((x) => x.unitId === u.id)?.lead}
                    onChange={() => setLead(u.id)}
                  />
                  {t('work.form.lead')}
                </label>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </fieldset>
  );
}

export interface ActionFormProps {
  action: OfferedAction | null;
  state: TicketState;
  onClose: () => void;
  perform: (action: OfferedAction, input: ActionInput) => Promise<PerformResult>;
}

export function ActionForm(props: ActionFormProps) {
  return (
    <Dialog
      open={props.action !== null}
      onClose={props.onClose}
      title={props.action ? t(`work.act.${props.action.type}`) : ''}
    >
      <Show when={props.action} keyed>
        {(action) => <ActionFormBody {...props} action={action} />}
      </Show>
    </Dialog>
  );
}

function ActionFormBody(props: ActionFormProps & { action: OfferedAction }) {
  const ws = workspace;
  const type = props.action.type;
  const own = ws()?.session.user.unitId ?? '';
  const fields: readonly ActionField[] = ACTION_FIELDS[type] ?? [];
  const subjects = subjectAssignments(type, props.state.assignments, own);
  const mine: Assignment | undefined = props.state.assignments.findLast((a) => a.unitId === own);
  const [input, setInput] = createSignal<ActionInput>({
    unitId: subjects[0]?.unitId,
    redoUnits: type === 'redo' ? subjects.map((a) => a.unitId) : undefined,
    replyKind: 'final',
    reached: true,
    mode: 'time_limited',
    service: type === 'emergency_transferred' ? '110' : undefined,
    approved: type === 'unit_reviewed' || type === 'extension_decided' ? true : undefined,
    decision: type === 'reviewed' ? 'accept' : undefined,
    units: [],
  });
  const [invalid, setInvalid] = createSignal<string[]>([]);
  const [busy, setBusy] = createSignal(false);
  const set = (patch: Partial<ActionInput>) => setInput((v) => ({ ...v, ...patch }));
  const bad = (...names: string[]) => names.some((n) => invalid().includes(n));
  const unitName = (id: string) => ws()?.unitName(id) ?? id;
  const exclude = new Set(
    props.state.assignments.filter((a) => a.status !== 'return_upheld').map((a) => a.unitId),
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const v = input();
      const patch: Partial<ActionInput> = {};
      if (type === 'dispatched' || type === 'transferred' || type === 'leader_instructed') {
        const n = v.units?.length ?? 0;
        if (n > 1) patch.mode = 'co_signed';
        else if (v.mode === 'co_signed') patch.mode = 'time_limited';
      }
      if (type === 'referred_out') patch.referTo = v.text ?? '';
      if (type === 'corrected') {
        patch.changes = v.text && v.text !== props.state.description ? { description: v.text } : {};
      }
      const result = await props.perform(props.action, { ...v, ...patch });
      if (result.ok) {
        showToast({ message: t('work.form.done', { action: t(`work.act.${type}`) }), tone: 'ok' });
        props.onClose();
      } else {
        setInvalid(result.fields);
      }
    } finally {
      setBusy(false);
    }
  };

  const textLabel = () =>
    t(
      `work.textLabel.${type === 'replied' || type === 'noted' || type === 'leader_instructed' || type === 'callback_done' || type === 'answered' || type === 'referred_out' || type === 'corrected' ? type : 'noted'}`,
    );

  const renderField = (f: ActionField): JSX.Element => {
    switch (f) {
      case 'text':
        return (
          <Field
            label={textLabel()}
            required={type !== 'callback_done'}
            error={
              bad('text', 'instruction', 'comment', 'referTo', 'changes')
                ? t('work.form.required')
                : undefined
            }
          >
            {(ids) => (
              <TextArea
                {...ids}
                rows={type === 'replied' || type === 'answered' ? 5 : 3}
                value={input().text ?? (type === 'corrected' ? props.state.description : '')}
                onInput={(e) => set({ text: e.currentTarget.value })}
                data-autofocus
              />
            )}
          </Field>
        );
      case 'note':
        return (
          <Field label={type === 'returned' ? t('work.form.returnNote') : t('work.form.note')}>
            {(ids) => (
              <TextArea
                {...ids}
                rows={2}
                value={input().note ?? ''}
                onInput={(e) => set({ note: e.currentTarget.value })}
              />
            )}
          </Field>
        );
      case 'reason':
        if (type === 'referred_out') {
          return (
            <Field label={t('work.form.outOfScope')}>
              {(ids) => (
                <Select
                  {...ids}
                  value={input().outOfScopeReason ?? 'other'}
                  onChange={(e) =>
                    set({
                      outOfScopeReason: e.currentTarget.value as ActionInput['outOfScopeReason'],
                    })
                  }
                >
                  <For each={OUT_OF_SCOPE}>
                    {(r) => <option value={r}>{t(`work.outOfScope.${r}`)}</option>}
                  </For>
                </Select>
              )}
            </Field>
          );
        }
        return (
          <Field
            label={t('work.form.reason')}
            required
            error={bad('reason') ? t('work.form.required') : undefined}
          >
            {(ids) => (
              <TextArea
                {...ids}
                rows={3}
                value={input().reason ?? ''}
                onInput={(e) => set({ reason: e.currentTarget.value })}
                data-autofocus
              />
            )}
          </Field>
        );
      case 'returnReason':
        return (
          <Choice
            label={t('work.form.returnReason')}
            value={input().returnReason}
            invalid={bad('reason')}
            options={RETURN_REASONS.map((r) => ({ value: r, label: t(`work.returnReason.${r}`) }))}
            onChange={(r) => set({ returnReason: r })}
          />
        );
      case 'days':
        return (
          <Field
            label={t('work.form.days')}
            required={type === 'extension_requested'}
            error={bad('days') ? t('work.form.daysError') : undefined}
          >
            {(ids) => (
              <Input
                {...ids}
                type="number"
                inputMode="numeric"
                min={1}
                max={30}
                value={input().days ?? ''}
                onInput={(e) =>
                  set({
                    days: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value),
                  })
                }
              />
            )}
          </Field>
        );
      case 'approved':
        return (
          <Choice
            label={t('work.form.decision')}
            value={input().approved}
            options={[
              {
                value: true,
                label: t(
                  type === 'unit_reviewed' ? 'work.decision.unitApprove' : 'work.decision.approve',
                ),
              },
              {
                value: false,
                label: t(
                  type === 'unit_reviewed' ? 'work.decision.unitReject' : 'work.decision.reject',
                ),
              },
            ]}
            onChange={(v) => set({ approved: v })}
          />
        );
      case 'decision':
        return (
          <Choice
            label={t('work.form.decision')}
            value={input().decision}
            invalid={bad('decision')}
            options={
              type === 'return_reviewed'
                ? [
                    { value: 'upheld', label: t('work.decision.upheld') },
                    { value: 'rejected', label: t('work.decision.rejected') },
                  ]
                : [
                    { value: 'accept', label: t('work.decision.accept') },
                    { value: 'send_back', label: t('work.decision.sendBack') },
                  ]
            }
            onChange={(v) => set({ decision: v })}
          />
        );
      case 'replyKind':
        return (
          <Show when={mine?.mode === 'committed'}>
            <Choice
              label={t('work.form.replyKind')}
              value={input().replyKind}
              options={[
                { value: 'final', label: t('work.replyKind.final') },
                { value: 'progress', label: t('work.replyKind.progress') },
              ]}
              onChange={(v) => set({ replyKind: v })}
            />
          </Show>
        );
      case 'promisedDate':
        return (
          <Show when={input().replyKind === 'progress'}>
            <Field
              label={t('work.form.promisedDate')}
              required
              error={bad('promisedDate') ? t('work.form.required') : undefined}
            >
              {(ids) => (
                <Input
                  {...ids}
                  type="date"
                  value={input().promisedDate ?? ''}
                  onInput={(e) => set({ promisedDate: e.currentTarget.value })}
                />
              )}
            </Field>
          </Show>
        );
      case 'contactedCaller':
        return (
          <Check
            label={t('work.form.contactedCaller')}
            checked={input().contactedCaller ?? false}
            onChange={(v) => set({ contactedCaller: v })}
          />
        );
      case 'satisfaction':
        return (
          <div class="lx-form__group">
            <Check
              label={t('work.form.reached')}
              checked={input().reached ?? true}
              onChange={(v) => set({ reached: v })}
            />
            <Show when={input().reached !== false}>
              <Choice
                label={t('work.form.solved')}
                value={input().solved}
                options={[
                  { value: true, label: t('work.form.yes') },
                  { value: false, label: t('work.form.no') },
                ]}
                onChange={(v) => set({ solved: v })}
              />
              <Choice
                label={t('work.form.processSatisfaction')}
                value={input().processSatisfaction}
                options={SCALES[scale()].map((s) => ({
                  value: s,
                  label: t(`work.satisfaction.${s}`),
                }))}
                onChange={(v) => set({ processSatisfaction: v })}
              />
              <Choice
                label={t('work.form.resultSatisfaction')}
                value={input().resultSatisfaction}
                options={SCALES[scale()].map((s) => ({
                  value: s,
                  label: t(`work.satisfaction.${s}`),
                }))}
                onChange={(v) => set({ resultSatisfaction: v })}
              />
              <Choice
                label={t('work.form.scale')}
                value={scale()}
                options={[
                  { value: '4', label: t('work.form.scale4') },
                  { value: '5', label: t('work.form.scale5') },
                ]}
                onChange={(v) => setScale(v)}
              />
              <Check
                label={t('work.form.falseReply')}
                checked={input().falseReply ?? false}
                onChange={(v) => set({ falseReply: v })}
              />
            </Show>
          </div>
        );
      case 'units':
        return (
          <UnitPicker
            value={input().units ?? []}
            exclude={exclude}
            invalid={bad('units', 'dispatch')}
            onChange={(units) => set({ units })}
          />
        );
      case 'mode':
        return (
          <Show when={(input().units?.length ?? 0) <= 1}>
            <Choice
              label={t('work.form.mode')}
              value={input().mode}
              options={[
                { value: 'time_limited', label: t('work.mode.time_limited') },
                { value: 'committed', label: t('work.mode.committed') },
              ]}
              onChange={(v) => set({ mode: v })}
            />
          </Show>
        );
      case 'service':
        return (
          <Choice
            label={t('work.form.service')}
            value={input().service}
            options={SERVICES.map((s) => ({ value: s, label: t(`work.service.${s}`) }))}
            onChange={(v) => set({ service: v })}
          />
        );
      case 'intoTicketId':
        return (
          <Field
            label={t('work.form.intoTicket')}
            required
            hint={t('work.form.intoTicketHint')}
            error={bad('intoTicketId') ? t('work.form.noSuchTicket') : undefined}
          >
            {(ids) => (
              <Input
                {...ids}
                value={input().intoTicketId ?? ''}
                onInput={(e) => set({ intoTicketId: e.currentTarget.value })}
              />
            )}
          </Field>
        );
      case 'onSite':
        return (
          <Check
            label={t('work.form.onSite')}
            checked={input().onSite ?? false}
            onChange={(v) => set({ onSite: v })}
          />
        );
    }
  };

  return (
    <form class="lx-form" onSubmit={(e) => void submit(e)} data-testid={`action-form-${type}`}>
      <Show when={subjects.length > 1 && type !== 'redo'}>
        <Field label={t('work.form.subject')}>
          {(ids) => (
            <Select
              {...ids}
              value={input().unitId ?? ''}
              onChange={(e) => set({ unitId: e.currentTarget.value })}
            >
              <For each={subjects}>
                {(a) => <option value={a.unitId}>{unitName(a.unitId)}</option>}
              </For>
            </Select>
          )}
        </Field>
      </Show>
      <Show when={subjects.length === 1 && type !== 'redo'}>
        <p class="lx-form__about">
          {t('work.form.about', { unit: unitName(subjects[0]?.unitId ?? '') })}
        </p>
      </Show>
      <Show when={type === 'redo'}>
        <p class="lx-form__about">
          {t('work.form.redoUnits', { units: subjects.map((a) => unitName(a.unitId)).join('、') })}
        </p>
      </Show>
      <For each={fields}>{(f) => renderField(f)}</For>
      <Show when={invalid().length > 0}>
        <p class="lx-field__error" role="alert">
          {t('work.form.invalid')}
        </p>
      </Show>
      <div class="lx-form__foot">
        <Button onClick={() => props.onClose()}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={busy()} data-testid="action-submit">
          {t(`work.act.${type}`)}
        </Button>
      </div>
    </form>
  );
}
