/**
 * @module
 * A knowledge-base article (知识库条目) inside its Yjs document: the shape an
 * operator's screen, the editor and the seed share. The document holds
 * - `Y.Map('meta')`: slug, kind, title, topic, category hint, keywords, status,
 *   owner unit, review dates (信息库定期更新制度) and a version counter;
 * - `Y.Text('body')`: the unified answer (统一答复口径) the operator reads out,
 *   co-edited character by character;
 * - `Y.Array('contacts')`: where to send the caller (零周折), optional.
 * Meta fields merge last-writer-wins per field (Yjs map semantics); the body
 * merges as text, so two editors' concurrent sentences both survive.
 */

import * as Y from 'yjs';
import { z } from 'zod';
import { UnitIdSchema } from '../../schema/org-unit';
import { TicketCategorySchema } from '../../schema/ticket-enums';
import { TopicSchema } from '../topics';

/** Names of the shared types inside an article's Y.Doc. */
export const KB_META = 'meta';
export const KB_BODY = 'body';
export const KB_CONTACTS = 'contacts';

/** Record ids are `kb:<slug>`, at most 80 characters (`YDocRecordSchema`). */
export const KbSlugSchema = z
  .string()
  .min(1)
  .max(77)
  .regex(/^[a-z0-9._-]+$/, 'kb slug: lowercase letters, digits, ".", "_" and "-" only');

/** 草稿 → 已发布 → 已停用; only published articles reach the intake screen's search. */
export const KbStatusSchema = z.enum(['draft', 'published', 'retired']);
export type KbStatus = z.infer<typeof KbStatusSchema>;

/**
 * What an article is for: a standard answer read out during the call (直办),
 * a referral to the body whose matter it is (零周折), or a notice
 * (停水、停气、公交改线) operators must know while it lasts.
 */
export const KbKindSchema = z.enum(['answer', 'referral', 'notice']);
export type KbKind = z.infer<typeof KbKindSchema>;

/** A contact a caller is given: a unit's service number and its hours. */
export const KbContactSchema = z.strictObject({
  name: z.string().min(1).max(60),
  phone: z.string().min(1).max(40),
  hours: z.string().max(60),
});
export type KbContact = z.infer<typeof KbContactSchema>;

/** The plain view of an article: what `readKbArticle` returns and `writeKbArticle` takes. */
export const KbArticleViewSchema = z.strictObject({
  slug: KbSlugSchema,
  kind: KbKindSchema,
  title: z.string().min(1).max(80),
  /** a topic code of `TOPICS` (a newer replica may know more) */
  topic: TopicSchema.shape.code,
  /** the ticket category such a call is usually registered as */
  category: TicketCategorySchema.optional(),
  keywords: z.array(z.string().min(1).max(24)).max(40),
  status: KbStatusSchema,
  /** the unit that owns and keeps the entry current (GB/T 44191-2024) */
  ownerUnitId: UnitIdSchema,
  /** ms: last review by the owner */
  reviewedAt: z.number().int().nonnegative(),
  /** ms: when the owner must review it again */
  reviewDue: z.number().int().nonnegative(),
  /** ms: notices stop applying after this instant */
  validTo: z.number().int().nonnegative().optional(),
  /** bumped on every publish */
  version: z.number().int().nonnegative(),
  body: z.string().max(20_000),
  contacts: z.array(KbContactSchema).max(30),
});
export type KbArticleView = z.infer<typeof KbArticleViewSchema>;

type MetaKey = Exclude<keyof KbArticleView, 'body' | 'contacts'>;
const META_KEYS: readonly MetaKey[] = [
  'slug',
  'kind',
  'title',
  'topic',
  'category',
  'keywords',
  'status',
  'ownerUnitId',
  'reviewedAt',
  'reviewDue',
  'validTo',
  'version',
];

/**
 * The `ydocs` record id of an article.
 *
 * @throws {RangeError} when the slug is not a valid {@link KbSlugSchema}.
 * @example
 * kbDocId('heating-season'); // 'kb:heating-season'
 */
export function kbDocId(slug: string): string {
  if (!KbSlugSchema.safeParse(slug).success) throw new RangeError(`invalid kb slug: ${slug}`);
  return `kb:${slug}`;
}

/**
 * Reads the plain view of an article document.
 *
 * @throws {z.ZodError} when the document is not a complete article.
 * @example
 * const view = readKbArticle(doc);
 * view.body; // '本市集中供暖期为…'
 */
export function readKbArticle(doc: Y.Doc): KbArticleView {
  const meta = doc.getMap<unknown>(KB_META);
  const plain: Record<string, unknown> = {};
  for (const key of META_KEYS) {
    const value = meta.get(key);
    if (value !== undefined && value !== null) plain[key] = value;
  }
  plain.body = doc.getText(KB_BODY).toString();
  plain.contacts = doc.getArray<unknown>(KB_CONTACTS).toArray();
  return KbArticleViewSchema.parse(plain);
}

/**
 * Makes the document say `view`, touching only what differs: unchanged meta
 * fields are not rewritten and the body changes by one splice, so concurrent
 * edits elsewhere in the text survive the merge.
 *
 * @throws {z.ZodError} when `view` is invalid (nothing is written then).
 * @example
 * writeKbArticle(doc, { ...readKbArticle(doc), status: 'published', version: 2 });
 */
export function writeKbArticle(doc: Y.Doc, view: KbArticleView): void {
  const next = KbArticleViewSchema.parse(view);
  doc.transact(() => {
    const meta = doc.getMap<unknown>(KB_META);
    for (const key of META_KEYS) {
      const value = next[key];
      if (value === undefined) {
        if (meta.has(key)) meta.delete(key);
      } else if (!sameJson(meta.get(key), value)) {
        meta.set(key, Array.isArray(value) ? [...value] : value);
      }
    }
    spliceText(doc.getText(KB_BODY), next.body);
    const contacts = doc.getArray<KbContact>(KB_CONTACTS);
    if (!sameJson(contacts.toArray(), next.contacts)) {
      contacts.delete(0, contacts.length);
      contacts.insert(
        0,
        next.contacts.map((c) => ({ ...c })),
      );
    }
  });
}

/**
 * A fresh document holding `view`, as one Yjs update (what a `ydocs` record
 * carries, base64-encoded).
 *
 * @example
 * const update = kbArticleUpdate(view);
 * const doc = new Y.Doc();
 * Y.applyUpdate(doc, update);
 * readKbArticle(doc).title === view.title; // true
 */
export function kbArticleUpdate(view: KbArticleView): Uint8Array {
  const doc = new Y.Doc();
  try {
    writeKbArticle(doc, view);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Decodes a stored update (a `ydocs` record's bytes) into the plain view,
 * with a document that lives only for the call.
 *
 * @throws when the bytes are not a Yjs update or not a complete article.
 */
export function kbArticleFromUpdate(update: Uint8Array): KbArticleView {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return readKbArticle(doc);
  } finally {
    doc.destroy();
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces the differing middle of `text` so it reads `next`. */
function spliceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const shortest = Math.min(current.length, next.length);
  while (start < shortest && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < shortest - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  ) {
    end++;
  }
  // Never split a surrogate pair: Yjs would encode each half as U+FFFD.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) text.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted.length > 0) text.insert(start, inserted);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
