/**
 * @module
 * The few line icons the kit needs, inline SVG (no icon font to download).
 * Decorative by default (`aria-hidden`); label the button around them.
 */
import type { JSX } from 'solid-js';

type IconProps = { size?: number; class?: string };

/** `paths` is a function: each use renders its own elements (a JSX node can sit in one place only). */
function icon(paths: () => JSX.Element) {
  return (props: IconProps) => (
    <svg
      class={props.class}
      width={props.size ?? 20}
      height={props.size ?? 20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {paths()}
    </svg>
  );
}

export const IconMoon = icon(() => <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />);
export const IconSun = icon(() => (
  <>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
  </>
));
export const IconGlobe = icon(() => (
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
  </>
));
export const IconKeyboard = icon(() => (
  <>
    <rect x="2.5" y="6" width="19" height="12" rx="2" />
    <path d="M6.5 10h1M10 10h1M13.5 10h1M17 10h.5M7 14h10" />
  </>
));
export const IconSearch = icon(() => (
  <>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m20 20-4.2-4.2" />
  </>
));
export const IconInbox = icon(() => (
  <>
    <path d="M3 13h5l1.5 2.5h5L16 13h5" />
    <path d="M5.5 5h13L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5Z" />
  </>
));
export const IconPlus = icon(() => <path d="M12 5v14M5 12h14" />);
export const IconLogout = icon(() => (
  <>
    <path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3" />
    <path d="M10 17l-5-5 5-5M5 12h11" />
  </>
));
export const IconHome = icon(() => (
  <path d="M4 10.5 12 4l8 6.5V19a1 1 0 0 1-1 1h-4.5v-5.5h-5V20H5a1 1 0 0 1-1-1Z" />
));
export const IconClock = icon(() => (
  <>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </>
));
export const IconAlert = icon(() => (
  <>
    <path d="M12 3.5 2.5 20h19Z" />
    <path d="M12 10v4.5M12 17.2v.1" />
  </>
));
export const IconCheck = icon(() => <path d="m5 12.5 4.5 4.5L19 7.5" />);
export const IconSignature = icon(() => (
  <>
    <path d="M4 18c3-1 4-9 6-9s-1 8 1 8 2.5-4 4-4 1 3 3 3" />
    <path d="M3 21h18" />
  </>
));
export const IconPhone = icon(() => (
  <path d="M6.5 3.5h3l1.5 4-2 1.2a11 11 0 0 0 6.3 6.3l1.2-2 4 1.5v3a2 2 0 0 1-2 2A16.5 16.5 0 0 1 4.5 5.5a2 2 0 0 1 2-2Z" />
));
export const IconReview = icon(() => (
  <>
    <rect x="5" y="3.5" width="14" height="17" rx="2" />
    <path d="M9 8h6M9 12h6M9 16h3" />
  </>
));
export const IconFilter = icon(() => <path d="M4 5h16l-6 7.5V19l-4-2v-4.5Z" />);
export const IconClose = icon(() => <path d="M6 6l12 12M18 6 6 18" />);
export const IconCloudOff = icon(() => (
  <>
    <path d="M3 3l18 18" />
    <path d="M8.5 7.2A5.5 5.5 0 0 1 17.4 10 4 4 0 0 1 20 17.2M16 18H7a4.5 4.5 0 0 1-1.4-8.8" />
  </>
));
