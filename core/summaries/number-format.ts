const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 → '1,234,567'. */
export const formatVotes = (votes: number): string => wholeNumber.format(votes);

/** Probability as a percentage with one decimal; '<0.1%' and '>99.9%' rather than a false 0 or 100. */
export function formatPercent(probability: number): string {
  if (probability > 0 && probability < 0.0005) return '<0.1%';
  if (probability < 1 && probability > 0.9995) return '>99.9%';
  return `${(probability * 100).toFixed(1)}%`;
}

/** Share as percentage points with one decimal: 0.5231 → '52.3'. */
export const formatShare = (share: number): string => (share * 100).toFixed(1);

/** Signed percentage points: 0.0123 → '+1.2', -0.05 → '−5.0'; '0.0' when it rounds to nothing, never '−0.0'. */
export function formatSignedPoints(share: number): string {
  const points = Math.abs(share * 100).toFixed(1);
  if (points === '0.0') return points;
  return share >= 0 ? `+${points}` : `−${points}`;
}

/** Signed votes: 1234 → '+1,234', -56 → '−56'. */
export function formatSignedVotes(votes: number): string {
  return votes >= 0 ? `+${formatVotes(votes)}` : `−${formatVotes(-votes)}`;
}
