/**
 * @module
 * The pages of the signed-in frame: the queues (features/queues), intake
 * (features/intake) and the ticket (features/ticket).
 */
import { A } from '@solidjs/router';
import { IntakeScreen } from '../features/intake/intake-screen';
import { QueueScreen } from '../features/queues/queue-screen';
import { TicketScreen } from '../features/ticket/ticket-screen';
import { t } from '../i18n';
import { Card } from '../ui/card';
import { EmptyState } from '../ui/empty-state';

/** `/` and `/?queue=…`: the user's queues. */
export const HomePage = QueueScreen;

export function IntakePage() {
  return <IntakeScreen />;
}

/** `/tickets/:id`: one ticket, its history and the actions this user may take. */
export const TicketPage = TicketScreen;

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
