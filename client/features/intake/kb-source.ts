/**
 * @module
 * The knowledge base as the intake screen searches it: the replicated
 * `ydocs` records whose id starts with `kb:` (each a Yjs update, base64),
 * decoded once into article views and indexed in memory, rebuilt only when
 * an article record changes. Offline like everything else: the records are
 * on the device after the first sync.
 */
import { debounceTime, map, type Observable } from 'rxjs';
import { type KbArticleView, kbArticleFromUpdate } from '../../../shared/domain/kb/article';
import { buildKbIndex, type KbIndex } from '../../../shared/domain/kb/search';
import type { AnyDoc, LianxinDb } from '../../data/db';

function decodeBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Article views of the given `ydocs` records; a record that is no whole article is skipped. */
export function kbViewsOf(docs: readonly AnyDoc[]): KbArticleView[] {
  const views: KbArticleView[] = [];
  for (const d of docs) {
    if (!d.id.startsWith('kb:') || typeof d.update !== 'string') continue;
    try {
      views.push(kbArticleFromUpdate(decodeBase64(d.update)));
    } catch {
      // a half-written or newer-format article: leave it out rather than fail the search
    }
  }
  return views;
}

/**
 * The search index over the device's articles, live; the full views come
 * with it (the direct answer quotes an article's body).
 * @example observeKbIndex(db).subscribe(({ index }) => searchKb(index, '停水'));
 */
export function observeKbIndex(
  db: LianxinDb,
): Observable<{ index: KbIndex; views: Map<string, KbArticleView> }> {
  return db
    .collection('ydocs')
    .find({ selector: { id: { $regex: '^kb:' } } })
    .$.pipe(
      debounceTime(150),
      map((docs) => {
        const views = kbViewsOf(docs.map((d) => d.toJSON() as AnyDoc));
        return { index: buildKbIndex(views), views: new Map(views.map((v) => [v.slug, v])) };
      }),
    );
}
