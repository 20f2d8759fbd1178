/** @module The product mark: a white 连 on a red rounded square (same as the app icon). */
export function BrandMark(props: { size?: number }) {
  const size = () => props.size ?? 32;
  return (
    <span
      class="lx-brand-mark"
      style={{ width: `${size()}px`, height: `${size()}px`, 'font-size': `${size() * 0.6}px` }}
      aria-hidden="true"
    >
      连
    </span>
  );
}
