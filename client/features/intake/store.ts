/**
 * @module
 * The intake screen's store: the form, the ticket number issued the moment
 * the operator starts (offline, from this device's counter, so it can be
 * read to the caller before the call ends), the caller's earlier tickets and
 * the repeat-call warning, knowledge-base suggestions, the suggested unit,
 * and saving — the ticket's events through the ticket repository, the
 * caller's contact (encrypted) through the contact repository, never inside
 * the ticket. Every rule comes from `intake-model.ts` and `shared/`.
 */
import { batch, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { callerKey } from '../../../shared/domain/caller-key';
import type { KbArticleView } from '../../../shared/domain/kb/article';
import { type KbHit, type KbIndex, searchKb } from '../../../shared/domain/kb/search';
import type { TicketDoc } from '../../../shared/schema/ticket-doc';
import type { Workspace } from '../../app/workspace';
import { deviceNodeId, openDeviceClock } from '../../data/clock';
import { saveContact } from '../../data/contacts';
import { serialized } from '../../data/db';
import {
  type ActingContext,
  appendEvents,
  findByCaller,
  issueTicketNumber,
  newId,
} from '../../data/tickets';
import {
  actingRole,
  allowedOutcomes,
  answerFromArticle,
  areaUnits,
  buildIntake,
  callSummaryOf,
  dispatchUnits,
  emptyIntakeForm,
  emptyOutcomeDraft,
  type IntakeError,
  type IntakeForm,
  intakeErrors,
  type OutcomeDraft,
  outcomeOf,
  repeatWarning,
  suggestedUnits,
} from './intake-model';
import { observeKbIndex } from './kb-source';

export interface IssuedNumber {
  ticketId: string;
  number: string;
}

export interface SavedTicket extends IssuedNumber {
  kind: OutcomeDraft['kind'];
}

/** Handed to centres' devices at sign-in and kept sealed under the data key. */
function networkSecret(ws: Workspace): string | null {
  return ws.session.networkSecret;
}

/** Issues the next number of this device's sequence (offline), persisted at once. */
function issueNumber(ws: Workspace): Promise<IssuedNumber> {
  return issueTicketNumber(ws.db, ws.session.device);
}

export type IntakeStore = ReturnType<typeof createIntakeStore>;

/** The store of one intake screen; call it inside the component (it cleans up with it). */
export function createIntakeStore(ws: Workspace) {
  const { db, session } = ws;
  const secret = networkSecret(ws);
  const centreId = session.device.centreId;
  const [form, setForm] = createStore<IntakeForm>(emptyIntakeForm());
  const [draft, setDraft] = createStore<OutcomeDraft>(emptyOutcomeDraft());
  const [issued, setIssued] = createSignal<IssuedNumber | null>(null);
  const [unitsTouched, setUnitsTouched] = createSignal(false);
  const [showErrors, setShowErrors] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<SavedTicket | null>(null);
  const [history, setHistory] = createSignal<TicketDoc[]>([]);
  const [kb, setKb] = createSignal<{ index: KbIndex; views: Map<string, KbArticleView> } | null>(
    null,
  );
  let issuing: Promise<IssuedNumber> | null = null;

  const kbSub = observeKbIndex(db).subscribe(setKb);
  onCleanup(() => kbSub.unsubscribe());

  /** Issues the ticket number once per form (on the first keystroke). */
  const ensureNumber = (): Promise<IssuedNumber> => {
    const have = issued();
    if (have) return Promise.resolve(have);
    issuing ??= issueNumber(ws).then((n) => {
      setIssued(n);
      return n;
    });
    return issuing;
  };

  // The caller's earlier tickets, looked up as the number is typed.
  let lookup = 0;
  createEffect(
    on(
      () => form.phone,
      (phone) => {
        const run = ++lookup;
        const digits = phone.replace(/\D/g, '');
        if (digits.length < 7 || !secret) {
          setHistory([]);
          return;
        }
        const timer = setTimeout(() => {
          let key: string;
          try {
            key = callerKey(phone, secret);
          } catch {
            return;
          }
          findByCaller(db, key, { limit: 20 }).then(
            (docs) => run === lookup && setHistory(docs),
            () => run === lookup && setHistory([]),
          );
        }, 150);
        onCleanup(() => clearTimeout(timer));
      },
    ),
  );

  const repeats = createMemo(() =>
    repeatWarning(history().map(callSummaryOf), form, secret, Date.now()),
  );

  const kbHits = createMemo<KbHit[]>(() => {
    const k = kb();
    const text = form.description.trim();
    if (!k || text.length < 2) return [];
    return searchKb(k.index, text, { limit: 3, now: Date.now() });
  });

  const tree = () => ws.tree();
  const areas = createMemo(() => {
    const t = tree();
    return t ? areaUnits(t, centreId) : [];
  });
  const units = createMemo(() => {
    const t = tree();
    return t ? dispatchUnits(t, centreId) : [];
  });
  const suggested = createMemo(() => {
    const t = tree();
    return t ? suggestedUnits(t, ws.catalogue(), form) : [];
  });
  // The catalogue's suggestion is preselected until the dispatcher picks by hand.
  createEffect(
    on(suggested, (s) => {
      if (unitsTouched()) return;
      setDraft({ units: [...s], lead: s[0] ?? '' });
    }),
  );
  // 举报 is confidential unless the caller explicitly waives it.
  createEffect(
    on(
      () => [form.category, form.confidentialityWaived] as const,
      ([category, waived], prev) => {
        if (category === 'report') setForm('confidential', !waived);
        else if (prev?.[0] === 'report')
          setForm({ confidential: false, confidentialityWaived: false });
      },
    ),
  );

  const outcomes = createMemo(() => allowedOutcomes(session.user.roles));
  const current = (): IntakeForm => ({ ...form, outcome: outcomeOf(draft) });
  const errors = createMemo<IntakeError[]>(() => (showErrors() ? intakeErrors(current()) : []));

  const toggleUnit = (unitId: string) => {
    setUnitsTouched(true);
    const has = draft.units.includes(unitId);
    const next = has ? draft.units.filter((u) => u !== unitId) : [...draft.units, unitId];
    setDraft({ units: next, lead: next.includes(draft.lead) ? draft.lead : (next[0] ?? '') });
  };

  const useArticle = (slug: string, cite: (title: string) => string) => {
    const view = kb()?.views.get(slug);
    if (!view) return;
    const answer = answerFromArticle(view, cite);
    setDraft({ kind: 'answer', answerText: answer.text, articleId: answer.articleId ?? '' });
    if (form.topic === '' && view.topic !== 'other') setForm('topic', view.topic);
  };

  /** Saves the ticket (and the contact); resolves with the errors when it cannot. */
  const save = async (): Promise<IntakeError[] | SavedTicket> => {
    if (saving()) return [];
    const value = current();
    const problems = intakeErrors(value);
    const role = actingRole(session.user.roles, draft.kind);
    if (problems.length > 0 || !role) {
      setShowErrors(true);
      return problems;
    }
    setSaving(true);
    try {
      const { ticketId, number } = await ensureNumber();
      const acting: ActingContext = {
        actor: { userId: session.user.id, role, unitId: session.user.unitId },
        device: session.device,
      };
      const clock = await openDeviceClock(db, deviceNodeId(session.device));
      const result = buildIntake(value, {
        ticketId,
        number,
        actor: acting.actor,
        networkSecret: secret,
        stamp: () => clock.now(),
        newEventId: () => newId('e'),
      });
      await appendEvents(db, ticketId, result.events);
      await serialized(db, () => db.meta.upsert(clock.row()));
      if (result.contact) await saveContact(db, session.dataKey, acting, ticketId, result.contact);
      const done: SavedTicket = { ticketId, number, kind: draft.kind };
      setSaved(done);
      return done;
    } finally {
      setSaving(false);
    }
  };

  /** A fresh form for the next call (the next number is issued when it is typed in). */
  const reset = () => {
    batch(() => {
      setForm(reconcile(emptyIntakeForm()));
      setDraft(reconcile(emptyOutcomeDraft()));
      setIssued(null);
      setUnitsTouched(false);
      setShowErrors(false);
      setSaved(null);
      setHistory([]);
    });
    issuing = null;
  };

  return {
    form,
    setForm,
    draft,
    setDraft,
    issued,
    ensureNumber,
    history,
    repeats,
    kbReady: () => kb() !== null,
    kbSize: () => kb()?.index.size ?? 0,
    kbHits,
    useArticle,
    areas,
    units,
    suggested,
    toggleUnit,
    outcomes,
    errors,
    saving,
    saved,
    save,
    reset,
  };
}
