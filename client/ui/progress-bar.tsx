/** @module A progress bar (e.g. the first sync); indeterminate without a value. */
import { Show } from 'solid-js';

export interface ProgressBarProps {
  /** 0..1; omit for indeterminate */
  value?: number;
  label: string;
  /** shown to the right, e.g. 1,204 / 10,000 */
  detail?: string;
}

export function ProgressBar(props: ProgressBarProps) {
  const percent = () =>
    props.value === undefined ? undefined : Math.round(Math.min(1, Math.max(0, props.value)) * 100);
  return (
    <div class="lx-progress">
      <div class="lx-progress__row">
        <span>{props.label}</span>
        <Show when={props.detail}>
          <span class="lx-num lx-progress__detail">{props.detail}</span>
        </Show>
      </div>
      <div
        class={`lx-progress__track${percent() === undefined ? ' lx-progress__track--busy' : ''}`}
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent()}
      >
        <div class="lx-progress__bar" style={{ width: `${percent() ?? 35}%` }} />
      </div>
    </div>
  );
}
