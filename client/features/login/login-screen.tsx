/**
 * @module
 * The login screen: user id and password, the server address (this site by
 * default), online sign-in, and offline unlock when the network is down on a
 * device that signed in before.
 */
import { Show } from 'solid-js';
import { t } from '../../i18n';
import { BrandMark } from '../../ui/brand-mark';
import { Button } from '../../ui/button';
import { Field, Input } from '../../ui/field';
import { IconCloudOff } from '../../ui/icons';
import { online } from '../../ui/online';
import { LocaleSwitch, ThemeSwitch } from '../../ui/top-bar';
import type { Session } from './session-adapter';
import { createLoginStore, describeLoginError } from './store';
import './login.css';

export interface LoginScreenProps {
  /** called once signed in or unlocked; the session itself is `currentSession()` */
  onSignedIn?: (session: Session) => void;
}

export function LoginScreen(props: LoginScreenProps) {
  const store = createLoginStore({
    origin: location.origin,
    onSignedIn: (s) => props.onSignedIn?.(s),
  });
  return (
    <div class="lx-login">
      <div class="lx-login__tools">
        <LocaleSwitch />
        <ThemeSwitch />
      </div>
      <aside class="lx-login__brand">
        <BrandMark size={56} />
        <h1 class="lx-login__product">{t('app.fullName')}</h1>
        <p class="lx-login__slogan">{t('app.slogan')}</p>
        <ul class="lx-login__lines" aria-hidden="true">
          <li>12345</li>
          <li>12319</li>
          <li>12333</li>
          <li>96520</li>
        </ul>
      </aside>
      <main class="lx-login__main" id="main">
        <form
          class="lx-login__card"
          aria-labelledby="login-title"
          onSubmit={(e) => {
            e.preventDefault();
            void (store.offerUnlock() && !online() ? store.unlock() : store.signIn());
          }}
        >
          <div class="lx-login__head">
            <h2 id="login-title">{t('login.title')}</h2>
            <p>{t('login.subtitle')}</p>
          </div>

          <Show when={!online()}>
            <div class="lx-login__offline" role="status" data-testid="offline-notice">
              <IconCloudOff />
              <div>
                <strong>{t('login.offlineTitle')}</strong>
                <p>{t('login.offlineBody')}</p>
              </div>
            </div>
          </Show>

          <Field label={t('login.userId')}>
            {(ids) => (
              <Input
                {...ids}
                name="userId"
                autocomplete="username"
                autocapitalize="off"
                spellcheck={false}
                placeholder={t('login.userIdPlaceholder')}
                value={store.userId()}
                onInput={(e) => store.setUserId(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('login.password')}>
            {(ids) => (
              <Input
                {...ids}
                name="password"
                type="password"
                autocomplete="current-password"
                value={store.password()}
                onInput={(e) => store.setPassword(e.currentTarget.value)}
              />
            )}
          </Field>

          <details class="lx-login__advanced">
            <summary>{t('login.advanced')}</summary>
            <Field label={t('login.serverUrl')} hint={t('login.serverUrlHint')}>
              {(ids) => (
                <Input
                  {...ids}
                  name="serverUrl"
                  type="url"
                  inputmode="url"
                  autocapitalize="off"
                  spellcheck={false}
                  value={store.serverUrl()}
                  onInput={(e) => store.setServerUrl(e.currentTarget.value)}
                />
              )}
            </Field>
          </details>

          <Show when={store.error()}>
            {(error) => (
              <p class="lx-login__error" role="alert" data-testid="login-error">
                {describeLoginError(error())}
              </p>
            )}
          </Show>

          <div class="lx-login__actions">
            <Show when={online()}>
              <Button type="submit" variant="primary" block busy={store.busy() === 'signIn'}>
                {store.busy() === 'signIn' ? t('login.signingIn') : t('login.signIn')}
              </Button>
            </Show>
            <Show when={store.offerUnlock()}>
              <Button
                type={online() ? 'button' : 'submit'}
                variant={online() ? 'secondary' : 'primary'}
                block
                busy={store.busy() === 'unlock'}
                data-testid="unlock-offline"
                onClick={online() ? () => void store.unlock() : undefined}
              >
                {store.busy() === 'unlock' ? t('login.unlocking') : t('login.unlockOffline')}
              </Button>
            </Show>
          </div>

          <Show when={store.lastUser}>
            {(last) => <p class="lx-login__last">{t('login.lastUser', { name: last().name })}</p>}
          </Show>
          <p class="lx-login__security">{t('login.security')}</p>
        </form>
      </main>
    </div>
  );
}
