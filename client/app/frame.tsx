/**
 * @module
 * The signed-in frame: the top bar, the navigation (a side rail on PCs and
 * landscape tablets, a bottom bar on phones and portrait tablets), the page,
 * toasts and the shortcuts help. Without a session it sends the user to
 * /login and back here afterwards.
 */
import {
  Navigate,
  type RouteSectionProps,
  useLocation,
  useNavigate,
  useSearchParams,
} from '@solidjs/router';
import { For, type JSX, Show } from 'solid-js';
import { RoleSchema } from '../../shared/schema/ticket-enums';
import { findTicketByNumber } from '../data/tickets';
import { currentSession, type Session, sessionApi } from '../features/login/session-adapter';
import { myQueues, useQueueCounts } from '../features/queues/store';
import { t } from '../i18n';
import { formatNumber } from '../i18n/format';
import { IconButton } from '../ui/button';
import { IconAlert, IconClock, IconHome, IconLogout, IconPlus, IconSearch } from '../ui/icons';
import { showToast } from '../ui/toast';
import { TopBar } from '../ui/top-bar';
import type { QueueKey } from './queues';
import { SyncSlot } from './sync-slot';
import { workspace } from './workspace';

// The posts come from the shared schema: never a second list.
const ROLE_KEYS: ReadonlySet<string> = new Set(RoleSchema.options);
type RoleKey = (typeof RoleSchema.options)[number];

function roleLabel(role: string): string {
  return ROLE_KEYS.has(role as RoleKey) ? t(`role.${role as RoleKey}`) : role;
}

/** The unit shown in the top bar: its name once the replicated units are here. */
function unitLabel(session: Session): string {
  return workspace()?.unitName(session.user.unitId) ?? session.user.unitId;
}

function QueueIcon(props: { queue: QueueKey }) {
  if (props.queue === 'overdue') return <IconAlert size={18} />;
  if (props.queue === 'due_soon') return <IconClock size={18} />;
  return <span class="lx-nav__dot" aria-hidden="true" />;
}

function NavLink(props: {
  href: string;
  active: boolean;
  icon: JSX.Element;
  label: string;
  tone?: 'alert';
  count?: number;
}) {
  return (
    // A plain link (the router still handles the click): <A> would mark every
    // queue current, since they differ only in the query string.
    <a
      href={props.href}
      class={`lx-nav__link${props.tone === 'alert' ? ' lx-nav__link--alert' : ''}`}
      aria-current={props.active ? 'page' : undefined}
    >
      <span class="lx-nav__icon">{props.icon}</span>
      <span class="lx-nav__label">{props.label}</span>
      <Show when={props.count !== undefined}>
        <span
          class={`lx-nav__count lx-num${props.tone === 'alert' && (props.count ?? 0) > 0 ? ' lx-nav__count--hot' : ''}`}
          data-testid="queue-count-badge"
        >
          {formatNumber(props.count ?? 0)}
        </span>
      </Show>
    </a>
  );
}

export function Frame(props: RouteSectionProps & { onShowShortcuts: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const activeQueue = () => (location.pathname === '/' ? (search.queue ?? null) : null);
  const counts = useQueueCounts();
  const queueLink = (queue: QueueKey) => (
    <NavLink
      href={`/?queue=${queue}`}
      active={activeQueue() === queue}
      icon={<QueueIcon queue={queue} />}
      label={t(`queue.${queue}`)}
      tone={queue === 'overdue' ? 'alert' : undefined}
      count={counts()?.[queue]}
    />
  );
  return (
    <Show
      when={currentSession()}
      fallback={
        <Navigate href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} />
      }
    >
      {(session) => (
        <div class="lx-frame">
          <a class="lx-skip" href="#main">
            {t('app.skipToContent')}
          </a>
          <TopBar
            unitName={unitLabel(session())}
            subtitle={`${session().user.name} · ${session().user.roles.map(roleLabel).join('、')}`}
            search={
              <search class="lx-search">
                <IconSearch size={18} />
                <input
                  type="search"
                  class="lx-search__input"
                  data-shortcut-search
                  aria-label={t('common.search')}
                  placeholder={t('nav.searchPlaceholder')}
                  onKeyDown={(e) => {
                    if (e.key !== 'Enter') return;
                    const text = e.currentTarget.value.trim();
                    const ws = workspace();
                    if (!text || !ws) return;
                    // A number read out by a caller, with or without spaces, or a ticket id.
                    findTicketByNumber(ws.db, text).then(
                      (doc) =>
                        doc
                          ? navigate(`/tickets/${encodeURIComponent(doc.id)}`)
                          : showToast({ tone: 'warn', message: t('work.form.noSuchTicket') }),
                      () => undefined,
                    );
                  }}
                />
                <kbd class="lx-kbd lx-hide-touch">/</kbd>
              </search>
            }
            sync={<SyncSlot />}
            onShowShortcuts={props.onShowShortcuts}
            actions={
              <IconButton
                label={t('nav.signOut')}
                data-testid="sign-out"
                onClick={() => void sessionApi().then((api) => api.signOut())}
              >
                <IconLogout />
              </IconButton>
            }
          />
          <div class="lx-frame__body">
            <nav class="lx-nav" aria-label={t('nav.main')}>
              <a
                href="/intake"
                class="lx-nav__new"
                aria-current={location.pathname === '/intake' ? 'page' : undefined}
              >
                <IconPlus size={18} />
                <span>{t('nav.intake')}</span>
              </a>
              <NavLink
                href="/"
                active={location.pathname === '/' && !search.queue}
                icon={<IconHome size={18} />}
                label={t('nav.home')}
              />
              <Show when={myQueues().mine.length > 0}>
                <p class="lx-nav__section">{t('work.queue.mine')}</p>
                <For each={myQueues().mine}>{queueLink}</For>
              </Show>
              <p class="lx-nav__section">
                {myQueues().mine.length > 0 ? t('work.queue.others') : t('nav.queues')}
              </p>
              <For each={myQueues().others}>{queueLink}</For>
            </nav>
            <main class="lx-main" id="main" tabIndex={-1}>
              {props.children}
            </main>
          </div>
        </div>
      )}
    </Show>
  );
}
