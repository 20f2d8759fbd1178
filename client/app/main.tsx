/**
 * @module
 * The entry: theme and locale first (so the first paint is right), then the
 * app, then the service worker.
 */
import { render } from 'solid-js/web';
import '../ui/theme.css';
import '../ui/components.css';
import './app.css';
import '../ui/theme';
import { App } from './App';
import { registerServiceWorker } from './pwa';

const root = document.getElementById('root');
if (root) {
  root.textContent = '';
  render(() => <App />, root);
}
registerServiceWorker();
