/** A linear map from a data interval onto a pixel interval. */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

/**
 * The linear scale taking `domain` onto `range`; a domain of zero width maps everything to the middle.
 * @example linearScale([0, 1], [0, 200])(0.25) // → 50
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const scale = (value: number) => (width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0));
  return Object.assign(scale, { domain, range });
}

/**
 * Round tick values inside [low, high], about `count` of them and at least three (when `count` is three or
 * more), at steps of 1, 2 or 5 times a power of ten.
 * @example niceTicks(-0.08, 0.1, 4) // → [-0.05, 0, 0.05, 0.1]
 */
export function niceTicks(low: number, high: number, count: number): number[] {
  if (!(high > low) || count < 1) return [low];
  const rough = (high - low) / count;
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10].map((multiple) => multiple * 10 ** Math.floor(Math.log10(rough)));
  let index = steps.findIndex((candidate) => candidate >= rough);
  let ticks = ticksAt(low, high, steps[index]);
  // A step that leaves fewer than three ticks is too coarse: take the next finer one.
  while (ticks.length < Math.min(3, count) && index > 0) {
    index -= 1;
    ticks = ticksAt(low, high, steps[index]);
  }
  return ticks;
}

/** Integer multiples of `step` in [low, high], so that 0.1 + 0.2 style sums never creep in. */
function ticksAt(low: number, high: number, step: number): number[] {
  const ticks: number[] = [];
  for (let multiple = Math.ceil(low / step - 1e-9); multiple * step <= high + step * 1e-9; multiple += 1) {
    ticks.push(Number((multiple * step).toPrecision(12)));
  }
  return ticks;
}
