// Worker bootstrap: load TypeScript through tsx inside the worker thread.
import { register } from 'tsx/esm/api';

register();
await import('./tablet-worker.ts');
