/**
 * @module
 * The app: routes, global shortcuts, toasts. `/login` stands alone; `/`
 * (queues), `/intake` and `/tickets/:id` live in the signed-in frame.
 */
import {
  Navigate,
  Route,
  Router,
  type RouteSectionProps,
  useNavigate,
  useSearchParams,
} from '@solidjs/router';
import { createSignal, lazy, onCleanup, onMount, Show } from 'solid-js';
import { LoginScreen } from '../features/login/login-screen';
import { currentSession } from '../features/login/session-adapter';
import { t } from '../i18n';
import { installShortcuts, submitFocusedForm, useShortcut } from '../ui/shortcuts';
import { ShortcutsDialog } from '../ui/shortcuts-dialog';
import { Toaster } from '../ui/toast';

// The signed-in screens carry the database and the domain: load them after
// sign-in, so the first paint (the login screen) stays small.
const Frame = lazy(() => import('./frame').then((m) => ({ default: m.Frame })));
const HomePage = lazy(() => import('./pages').then((m) => ({ default: m.HomePage })));
const IntakePage = lazy(() => import('./pages').then((m) => ({ default: m.IntakePage })));
const TicketPage = lazy(() => import('./pages').then((m) => ({ default: m.TicketPage })));
const NotFoundPage = lazy(() => import('./pages').then((m) => ({ default: m.NotFoundPage })));

const [helpOpen, setHelpOpen] = createSignal(false);

/** Where to go after sign-in: only a path inside the app, never another origin. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Once a session exists (signed in or unlocked), it leaves for `?next=` or the queues. */
function LoginRoute() {
  const [search] = useSearchParams();
  return (
    <Show when={!currentSession()} fallback={<Navigate href={safeNext(search.next)} />}>
      <LoginScreen />
    </Show>
  );
}

/** The root of every route: global shortcuts (they need the router), the help dialog, toasts. */
function Shell(props: RouteSectionProps) {
  const navigate = useNavigate();
  onMount(() => onCleanup(installShortcuts()));
  useShortcut({ key: 'n', alt: true, label: () => t('shortcuts.newTicket') }, () =>
    navigate('/intake'),
  );
  useShortcut({ key: '/', label: () => t('shortcuts.search') }, () => {
    document.querySelector<HTMLInputElement>('[data-shortcut-search]')?.focus();
  });
  useShortcut({ key: 'Enter', ctrl: true, label: () => t('shortcuts.submit') }, () => {
    submitFocusedForm();
  });
  useShortcut({ key: '?', label: () => t('shortcuts.help') }, () => setHelpOpen(true));
  return (
    <>
      {props.children}
      <ShortcutsDialog open={helpOpen()} onClose={() => setHelpOpen(false)} />
      <Toaster />
    </>
  );
}

function SignedInFrame(props: RouteSectionProps) {
  return <Frame {...props} onShowShortcuts={() => setHelpOpen(true)} />;
}

export function App() {
  return (
    <Router root={Shell}>
      <Route path="/login" component={LoginRoute} />
      <Route component={SignedInFrame}>
        <Route path="/" component={HomePage} />
        <Route path="/intake" component={IntakePage} />
        <Route path="/tickets/:id" component={TicketPage} />
      </Route>
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
