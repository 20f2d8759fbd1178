/**
 * @module
 * A seeded pseudo-random generator for demo and benchmark data: the same seed
 * gives the same network and tickets on every platform.
 */

/**
 * mulberry32: tiny, fast, and the same on every platform.
 * @example const random = mulberry32(42); random(); // 0 ≤ x < 1
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
