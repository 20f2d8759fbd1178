/**
 * @module
 * Placeholder screens with their headings, until features/queues,
 * features/intake and features/ticket land.
 */
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createSignal, onCleanup } from 'solid-js';
import { currentSession } from '../features/login/session-adapter';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';
import { IconInbox, IconPhone, IconReview } from '../ui/icons';
import { isQueueKey } from './queues';

function useClock(): () => number {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

function PageHead(props: { title: string; meta?: string }) {
  return (
    <div class="lx-page__head">
      <h1 class="lx-page__title">{props.title}</h1>
      {props.meta ? <p class="lx-page__meta">{props.meta}</p> : null}
    </div>
  );
}

export function HomePage() {
  const [search] = useSearchParams();
  const now = useClock();
  const queue = () => {
    const value = search.queue;
    return isQueueKey(value) ? value : 'pending_sign';
  };
  const name = () => currentSession()?.user.name ?? '';
  return (
    <div class="lx-page">
      <PageHead
        title={`${t('home.title')} · ${t(`queue.${queue()}`)}`}
        meta={`${t('home.greeting', { name: name() })} · ${formatDateTime(now())}`}
      />
      <Card title={t(`queue.${queue()}`)}>
        <EmptyState
          icon={<IconInbox size={28} />}
          title={t('home.placeholderTitle')}
          body={t('home.placeholderBody')}
        />
      </Card>
    </div>
  );
}

export function IntakePage() {
  return (
    <div class="lx-page">
      <PageHead title={t('intake.title')} />
      <Card>
        <EmptyState
          icon={<IconPhone size={28} />}
          title={t('intake.title')}
          body={t('intake.placeholderBody')}
        />
      </Card>
    </div>
  );
}

export function TicketPage() {
  const params = useParams<{ id: string }>();
  return (
    <div class="lx-page">
      <PageHead title={t('ticket.title')} meta={t('ticket.number', { id: params.id })} />
      <Card>
        <EmptyState
          icon={<IconReview size={28} />}
          title={t('ticket.title')}
          body={t('ticket.placeholderBody')}
        />
      </Card>
    </div>
  );
}

export function NotFoundPage() {
  return (
    <div class="lx-page">
      <Card>
        <EmptyState
          title={t('notFound.title')}
          action={
            <A href="/" class="lx-btn lx-btn--secondary lx-btn--m">
              {t('notFound.back')}
            </A>
          }
        />
      </Card>
    </div>
  );
}
