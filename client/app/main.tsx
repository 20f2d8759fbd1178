/**
 * @module
 * The app shell. Until the PWA's screens land, it shows the server's state
 * and how to sign in to the demo network.
 */
import { createResource, For, Show } from 'solid-js';
import { render } from 'solid-js/web';

interface Health {
  ok: boolean;
  unitId: string;
  storage: string;
  protocol: number;
  seq: number;
}

const DEMO_ACCOUNTS: [string, string][] = [
  ['c01-k01-op', '县中心话务员 operator'],
  ['c01-k01-disp', '县中心派单员 dispatcher'],
  ['c01-k01-t01-h', '街道承办人 handler'],
  ['c01-k01-t01-r', '街道审核人 unit reviewer'],
  ['c01-k01-cb', '回访员 callback agent'],
  ['c01-k01-sv', '督办员 supervisor'],
  ['p-adm', '省平台管理员 admin'],
];

function App() {
  const [health] = createResource(
    async () => (await fetch('/api/health')).json() as Promise<Health>,
  );
  return (
    <main
      style={{
        'font-family': 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
        margin: '2rem auto',
        'max-width': '44rem',
        'line-height': 1.6,
      }}
    >
      <h1>连心 Lianxin</h1>
      <p>政务服务热线工单系统 · 同步服务器已启动</p>
      <Show when={health()} fallback={<p>正在连接服务器…</p>}>
        {(h) => (
          <p>
            单位 <code>{h().unitId}</code> · 存储 {h().storage} · 协议 v{h().protocol} · 序号{' '}
            {h().seq}
          </p>
        )}
      </Show>
      <h2>演示账号（密码 lianxin2026）</h2>
      <ul>
        <For each={DEMO_ACCOUNTS}>
          {([id, role]) => (
            <li>
              <code>{id}</code> — {role}
            </li>
          )}
        </For>
      </ul>
      <p>
        API: <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) render(() => <App />, root);
