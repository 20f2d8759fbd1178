/**
 * @module
 * A modal dialog on the native `<dialog>`: the browser traps focus, Esc
 * closes it, and the page behind is inert.
 */
import { createEffect, createUniqueId, type JSX, Show } from 'solid-js';
import { t } from '../i18n';
import { IconButton } from './button';
import { IconClose } from './icons';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: JSX.Element;
  children: JSX.Element;
  footer?: JSX.Element;
  size?: 's' | 'm';
}

export function Dialog(props: DialogProps) {
  let el: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  createEffect(() => {
    if (!el) return;
    if (props.open && !el.open) el.showModal();
    else if (!props.open && el.open) el.close();
  });
  return (
    <dialog
      ref={el}
      aria-labelledby={titleId}
      class={`lx-dialog lx-dialog--${props.size ?? 'm'}`}
      onClose={() => props.onClose()}
      onClick={(e) => {
        // A tap on the backdrop (the dialog element itself) closes it, as Esc does.
        if (e.target === el) props.onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <div class="lx-dialog__inner">
        <header class="lx-dialog__head">
          <h2 class="lx-dialog__title" id={titleId}>
            {props.title}
          </h2>
          <IconButton label={t('common.close')} onClick={() => props.onClose()}>
            <IconClose />
          </IconButton>
        </header>
        <div class="lx-dialog__body">{props.children}</div>
        <Show when={props.footer}>
          <footer class="lx-dialog__foot">{props.footer}</footer>
        </Show>
      </div>
    </dialog>
  );
}
