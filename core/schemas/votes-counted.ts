/**
 * All votes counted in a unit (or a ballot type of one), over its candidates.
 * @example votesCounted({ counted: { ann: 400, bob: 300 } }) // 700
 */
export function votesCounted(unit: { readonly counted: Readonly<Record<string, number>> }): number {
  return Object.values(unit.counted).reduce((sum, votes) => sum + votes, 0);
}
