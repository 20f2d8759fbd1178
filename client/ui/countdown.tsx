/**
 * @module
 * A deadline countdown (剩余 2 个工作日 / 已超期 3 小时), toned by urgency and
 * refreshed every half minute. Working days come from the caller (the shared
 * calendar), never computed here.
 */
import { createSignal, onCleanup } from 'solid-js';
import { formatCountdown, formatDateTime } from '../i18n/format';
import { IconClock } from './icons';

const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** A shared clock ticking every 30 s while any countdown is on screen. */
function useNow(): () => number {
  users += 1;
  if (!timer) timer = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}

export interface CountdownProps {
  deadline: number;
  workingDaysLeft?: number;
  soonHours?: number;
}

export function Countdown(props: CountdownProps) {
  const clock = useNow();
  const view = () =>
    formatCountdown({
      deadline: props.deadline,
      now: clock(),
      workingDaysLeft: props.workingDaysLeft,
      soonHours: props.soonHours,
    });
  return (
    <time
      class={`lx-countdown lx-countdown--${view().tone}`}
      dateTime={new Date(props.deadline).toISOString()}
      title={formatDateTime(props.deadline)}
    >
      <IconClock size={16} />
      <span class="lx-num">{view().text}</span>
    </time>
  );
}
