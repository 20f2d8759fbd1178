/**
 * @module
 * Offline full-text search of the knowledge base for the intake screen: the
 * operator types what the caller says ("楼下饭店油烟很大") and the matching
 * standard answers come up while the call goes on. Chinese has no spaces, so
 * text is cut into overlapping character bigrams (油烟, 烟很 …), and runs of
 * ASCII letters or digits stay whole words (12315, ic). Single characters
 * are terms too, at a fifth of a bigram's weight: they rescue a short query
 * with no bigram in common with the article ("水是黄的" still finds 发黄)
 * without outranking a real bigram match. Full-width letters, digits and
 * punctuation fold to ASCII first, so "ＩＣ卡" and "IC卡" match. Scoring is
 * BM25F: a term in the title weighs more than one in the keywords, which
 * weighs more than one in the body; rare terms weigh more than common ones ("反映", "请求" are in every
 * complaint). The index is built in memory from the article views (no I/O)
 * with every per-document weight precomputed, so a query only sums postings.
 */
import { topicByCode } from '../topics';
import { type KbArticleView, type KbKind, type KbStatus, kbDocId } from './article';

/** How much a term counts in each field, and how much the field's length tempers it. */
const FIELDS = {
  title: { weight: 3, b: 0.5 },
  keywords: { weight: 2, b: 0.3 },
  body: { weight: 1, b: 0.75 },
} as const;
type Field = keyof typeof FIELDS;
const FIELD_NAMES: readonly Field[] = ['title', 'keywords', 'body'];
/** BM25's term-frequency saturation. */
const K1 = 1.2;
/** Weight of a single Chinese character relative to a bigram. */
const UNIGRAM_WEIGHT = 0.2;
/** A matched single character is highlighted only when this rare (idf). */
const UNIGRAM_HIGHLIGHT_IDF = 1.5;
const DEFAULT_LIMIT = 10;
/** Longest snippet, in UTF-16 units; a longer sentence is cut around its first match. */
const SNIPPET_MAX = 90;

/** One indexed article: what a hit needs without touching the Y.Doc again. */
export interface KbIndexEntry {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly kind: KbKind;
  readonly topic: string;
  readonly status: KbStatus;
  readonly validTo: number | undefined;
  readonly body: string;
}

/**
 * A search term: a Chinese character or character pair as a small integer
 * (no string is made per token while indexing), an ASCII word as itself.
 */
export type KbTerm = number | string;

/** The articles holding one term, with their precomputed score contributions. */
export interface KbPosting {
  /** ln(1 + (N − df + 0.5) / (df + 0.5)) */
  readonly idf: number;
  /** indexes into `entries`, ascending */
  readonly docs: Int32Array;
  /** idf × saturated field-weighted term frequency, per doc in `docs` */
  readonly scores: Float64Array;
}

/** An in-memory search index over article views. Build with {@link buildKbIndex}. */
export interface KbIndex {
  /** number of articles indexed (every status) */
  readonly size: number;
  readonly entries: readonly KbIndexEntry[];
  readonly postings: ReadonlyMap<KbTerm, KbPosting>;
}

export interface KbSearchOptions {
  /** only articles of this topic code */
  topic?: string;
  /** only these kinds */
  kinds?: readonly KbKind[];
  /** at most this many hits; default 10 */
  limit?: number;
  /** drafts and retired articles too (the knowledge editor's view); default false */
  includeUnpublished?: boolean;
  /** ms: leave out notices whose `validTo` has passed */
  now?: number;
}

/** A search hit: the snippet is the body's best-matching sentence, `highlights` index into it. */
export interface KbHit {
  id: string;
  slug: string;
  title: string;
  kind: KbKind;
  topic: string;
  score: number;
  snippet: string;
  /** [start, end) ranges of `snippet` that matched the query, ascending, disjoint */
  highlights: readonly (readonly [number, number])[];
}

/**
 * Builds the index: two passes over the views, about 35 ms of CPU for 1,000
 * articles of 450 characters once the JIT is warm (`bench/kb-search.bench.ts`).
 *
 * @example
 * const index = buildKbIndex(demoKbArticles(Date.now()));
 * searchKb(index, '楼下饭店油烟很大', { limit: 3 })[0]?.title; // '餐饮油烟扰民'
 */
export function buildKbIndex(views: readonly KbArticleView[]): KbIndex {
  const n = views.length;
  const entries: KbIndexEntry[] = [];
  // Pass 1 cuts every text once: each distinct term gets an id, and each
  // article keeps its (term id, count per field) pairs. Counting goes through
  // dense arrays by id, reset through `touched`, so no object is made per
  // token or per (term, article).
  const termIds = new Map<KbTerm, number>();
  const unigramIds = new Int32Array(HAN_SPAN).fill(-1);
  const terms: KbTerm[] = [];
  let counts = new Int32Array(3 * 1024);
  const touched: number[] = [];
  const df: number[] = [];
  let pairIds = new Int32Array(4096);
  let pairCounts = new Int32Array(3 * 4096);
  let pairs = 0;
  const pairEnds = new Int32Array(n);
  const lengths = new Float64Array(n * 3);
  const totals = [0, 0, 0];
  let field = 0;
  let fieldLength = 0;
  const count = (term: KbTerm): void => {
    let id = typeof term === 'number' && term < HAN_SPAN ? (unigramIds[term] ?? -1) : -1;
    if (id < 0) {
      id = termIds.get(term) ?? -1;
      if (id < 0) {
        id = terms.length;
        terms.push(term);
        df.push(0);
        if (typeof term === 'number' && term < HAN_SPAN) unigramIds[term] = id;
        else termIds.set(term, id);
        if (3 * id + 3 > counts.length) {
          const grown = new Int32Array(counts.length * 2);
          grown.set(counts);
          counts = grown;
        }
      }
    }
    const at = 3 * id;
    if ((counts[at] ?? 0) + (counts[at + 1] ?? 0) + (counts[at + 2] ?? 0) === 0) touched.push(id);
    counts[at + field] = (counts[at + field] ?? 0) + 1;
    fieldLength++;
  };
  for (let doc = 0; doc < n; doc++) {
    const view = views[doc] as KbArticleView;
    entries.push({
      id: kbDocId(view.slug),
      slug: view.slug,
      title: view.title,
      kind: view.kind,
      topic: view.topic,
      status: view.status,
      validTo: view.validTo,
      body: view.body,
    });
    const topicName = view.topic === 'other' ? undefined : topicByCode(view.topic)?.zh;
    for (field = 0; field < 3; field++) {
      fieldLength = 0;
      if (field === 0) forEachTerm(view.title, count);
      else if (field === 2) forEachTerm(view.body, count);
      else {
        // Each keyword alone: no bigram may straddle two keywords.
        for (const keyword of view.keywords) forEachTerm(keyword, count);
        if (topicName !== undefined) forEachTerm(topicName, count);
      }
      lengths[doc * 3 + field] = fieldLength;
      totals[field] = (totals[field] ?? 0) + fieldLength;
    }
    if (pairs + touched.length > pairIds.length) {
      const size = Math.max(2 * pairIds.length, pairs + touched.length);
      const ids = new Int32Array(size);
      ids.set(pairIds);
      pairIds = ids;
      const grown = new Int32Array(3 * size);
      grown.set(pairCounts);
      pairCounts = grown;
    }
    for (const id of touched) {
      const at = 3 * id;
      const to = 3 * pairs;
      pairIds[pairs] = id;
      pairCounts[to] = counts[at] ?? 0;
      pairCounts[to + 1] = counts[at + 1] ?? 0;
      pairCounts[to + 2] = counts[at + 2] ?? 0;
      // Three stores: TypedArray#fill on a 3-wide range costs more than the whole count.
      counts[at] = 0;
      counts[at + 1] = 0;
      counts[at + 2] = 0;
      df[id] = (df[id] ?? 0) + 1;
      pairs++;
    }
    touched.length = 0;
    pairEnds[doc] = pairs;
  }

  // Pass 2 weighs the pairs now that the average field lengths are known.
  const average = totals.map((t) => (n === 0 || t === 0 ? 1 : t / n));
  // Postings are sized by document frequency up front and filled by cursor.
  const postings = new Map<KbTerm, KbPosting>();
  const byId: KbPosting[] = terms.map((term, id) => {
    const size = df[id] ?? 0;
    const posting: KbPosting = {
      idf: Math.log(1 + (n - size + 0.5) / (size + 0.5)),
      docs: new Int32Array(size),
      scores: new Float64Array(size),
    };
    postings.set(term, posting);
    return posting;
  });
  const filled = new Int32Array(terms.length);
  const factor = [0, 0, 0];
  let pair = 0;
  for (let doc = 0; doc < n; doc++) {
    FIELD_NAMES.forEach((name, f) => {
      const { weight, b } = FIELDS[name];
      factor[f] = weight / (1 - b + (b * (lengths[doc * 3 + f] ?? 0)) / (average[f] ?? 1));
    });
    const end = pairEnds[doc] ?? 0;
    for (; pair < end; pair++) {
      const id = pairIds[pair] ?? 0;
      let tf =
        (factor[0] ?? 0) * (pairCounts[3 * pair] ?? 0) +
        (factor[1] ?? 0) * (pairCounts[3 * pair + 1] ?? 0) +
        (factor[2] ?? 0) * (pairCounts[3 * pair + 2] ?? 0);
      if (isUnigram(terms[id] ?? '')) tf *= UNIGRAM_WEIGHT;
      const posting = byId[id] as KbPosting;
      const slot = filled[id] ?? 0;
      posting.docs[slot] = doc;
      posting.scores[slot] = (posting.idf * tf * (K1 + 1)) / (tf + K1);
      filled[id] = slot + 1;
    }
  }

  return { size: n, entries, postings };
}

/**
 * Ranks the articles for what the caller said. Published articles only
 * (unless `includeUnpublished`), best first; an empty or punctuation-only
 * query finds nothing.
 *
 * @example
 * searchKb(index, '暖气不热，室温只有十五度', { topic: 'heating', limit: 5 });
 */
export function searchKb(index: KbIndex, query: string, options: KbSearchOptions = {}): KbHit[] {
  const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
  if (limit === 0 || index.size === 0) return [];
  const terms = new Map<KbTerm, number>();
  forEachTerm(query, (term) => {
    const posting = index.postings.get(term);
    if (posting !== undefined) terms.set(term, posting.idf);
  });
  if (terms.size === 0) return [];

  const scores = new Float64Array(index.size);
  const touched: number[] = [];
  for (const term of terms.keys()) {
    const posting = index.postings.get(term) as KbPosting;
    for (let i = 0; i < posting.docs.length; i++) {
      const doc = posting.docs[i] as number;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + (posting.scores[i] ?? 0);
    }
  }

  const kinds = options.kinds === undefined ? null : new Set(options.kinds);
  const ranked = touched.filter((doc) => {
    const e = index.entries[doc] as KbIndexEntry;
    if (!options.includeUnpublished && e.status !== 'published') return false;
    if (options.topic !== undefined && e.topic !== options.topic) return false;
    if (kinds !== null && !kinds.has(e.kind)) return false;
    if (options.now !== undefined && e.validTo !== undefined && e.validTo < options.now) {
      return false;
    }
    return true;
  });
  ranked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);

  return ranked.slice(0, limit).map((doc) => {
    const e = index.entries[doc] as KbIndexEntry;
    const { snippet, highlights } = bestSentence(e.body, terms);
    return {
      id: e.id,
      slug: e.slug,
      title: e.title,
      kind: e.kind,
      topic: e.topic,
      score: scores[doc] ?? 0,
      snippet,
      highlights,
    };
  });
}

/**
 * Cuts text into search terms: each Chinese character and each pair of
 * neighbouring characters, and whole ASCII words, lowercased, full-width
 * folded. `start`/`end` index the original text.
 *
 * @example
 * const terms: string[] = [];
 * forEachToken('燃气ＩＣ卡', (t) => terms.push(t)); // ['燃', '燃气', '气', 'ic', '卡']
 */
export function forEachToken(
  text: string,
  emit: (term: string, start: number, end: number) => void,
): void {
  const norm = foldText(text);
  forEachTerm(text, (_term, start, end) => emit(norm.slice(start, end), start, end));
}

/** {@link forEachToken} with terms as {@link KbTerm}s: what the index and queries use. */
function forEachTerm(text: string, emit: (term: KbTerm, start: number, end: number) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const kind = charKind(foldCode(text.charCodeAt(i)));
    if (kind === OTHER) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < length && charKind(foldCode(text.charCodeAt(j))) === kind) j++;
    if (kind === WORD) {
      emit(foldText(text.slice(i, j)), i, j);
    } else {
      let a = hanIndex(text.charCodeAt(i));
      for (let k = i; k < j; k++) {
        emit(a, k, k + 1);
        if (k + 1 < j) {
          const b = hanIndex(text.charCodeAt(k + 1));
          emit(HAN_SPAN + a * HAN_SPAN + b, k, k + 2);
          a = b;
        }
      }
    }
    i = j;
  }
}

/**
 * Chinese characters indexed from 0: CJK Extension A and Unified
 * Ideographs (U+3400–U+9FFF), then Compatibility Ideographs (U+F900–U+FAFF).
 * A unigram is its index, a bigram HAN_SPAN + a·HAN_SPAN + b: all below 2³⁰,
 * so V8 keeps them as small integers.
 */
const HAN_SPAN = 0x9fff - 0x3400 + 1 + 0x200;

function hanIndex(code: number): number {
  return code <= 0x9fff ? code - 0x3400 : 0x9fff - 0x3400 + 1 + (code - 0xf900);
}

/** A single Chinese character (ASCII words are never discounted, even "8"). */
function isUnigram(term: KbTerm): boolean {
  return typeof term === 'number' && term < HAN_SPAN;
}

const OTHER = 0;
const HAN = 1;
const WORD = 2;

function charKind(code: number): number {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return WORD;
  if (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff)
  ) {
    return HAN;
  }
  return OTHER;
}

/** Full-width ASCII to ASCII, upper to lower case, ideographic space to space. */
function foldCode(code: number): number {
  if (code < 0x41) return code;
  if (code <= 0x5a) return code + 32;
  if (code === 0x3000) return 0x20;
  if (code < 0xff01 || code > 0xff5e) return code;
  const ascii = code - 0xfee0;
  return ascii >= 0x41 && ascii <= 0x5a ? ascii + 32 : ascii;
}

/** {@link foldCode} over a string: one unit in, one unit out, so offsets hold. */
function foldText(text: string): string {
  return text.replace(/[A-Z\uff01-\uff5e\u3000]/g, (c) =>
    String.fromCharCode(foldCode(c.charCodeAt(0))),
  );
}

const SENTENCE_END = /[。！？；!?;\n]/;

/** The body's sentence holding the most (and rarest) query terms, with those terms marked. */
function bestSentence(
  body: string,
  terms: ReadonlyMap<KbTerm, number>,
): { snippet: string; highlights: [number, number][] } {
  let best: { start: number; end: number; score: number; ranges: [number, number][] } | null = null;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && !SENTENCE_END.test(body[i] as string)) continue;
    const end = Math.min(i + 1, body.length);
    let s = start;
    while (s < end && /\s/.test(body[s] as string)) s++;
    let e = end;
    while (e > s && /\s/.test(body[e - 1] as string)) e--;
    if (e > s) {
      const sentence = body.slice(s, e);
      const seen = new Set<KbTerm>();
      const ranges: [number, number][] = [];
      let score = 0;
      forEachTerm(sentence, (term, from, to) => {
        const idf = terms.get(term);
        if (idf === undefined) return;
        const unigram = isUnigram(term);
        if (!seen.has(term)) {
          seen.add(term);
          score += unigram ? idf * UNIGRAM_WEIGHT : idf;
        }
        if (!unigram || idf >= UNIGRAM_HIGHLIGHT_IDF) ranges.push([from, to]);
      });
      if (best === null || score > best.score) best = { start: s, end: e, score, ranges };
    }
    start = end;
  }
  if (best === null) return { snippet: '', highlights: [] };
  return clip(body.slice(best.start, best.end), mergeRanges(best.ranges));
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Cuts a long sentence to a window that opens a little before its first match. */
function clip(
  sentence: string,
  ranges: [number, number][],
): { snippet: string; highlights: [number, number][] } {
  if (sentence.length <= SNIPPET_MAX) return { snippet: sentence, highlights: ranges };
  const first = ranges[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - 10, sentence.length - SNIPPET_MAX));
  const to = from + SNIPPET_MAX;
  const highlights = ranges
    .filter(([a, b]) => a >= from && b <= to)
    .map(([a, b]): [number, number] => [a - from, b - from]);
  const snippet = `${from > 0 ? '…' : ''}${sentence.slice(from, to)}${to < sentence.length ? '…' : ''}`;
  const shift = from > 0 ? 1 : 0;
  return { snippet, highlights: highlights.map(([a, b]) => [a + shift, b + shift]) };
}
