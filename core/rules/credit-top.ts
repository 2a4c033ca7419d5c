/**
 * Adds to `credit` one unit of "finished in the top `places`" for the candidates of one draw. Candidates
 * tied at the boundary share the remaining places evenly, so the credits of a draw always sum to `places`.
 * `votes` holds the draw's final votes from `offset`, one per candidate; `sorted` is scratch space of
 * the same length as `credit`.
 * @example creditTop([5, 9, 9], 0, 1, credit, scratch) // credit += [0, 0.5, 0.5]
 */
export function creditTop(
  votes: ArrayLike<number>,
  offset: number,
  places: number,
  credit: Float64Array,
  sorted: Float64Array,
): void {
  const candidateCount = credit.length;
  const boundary = placeValue(votes, offset, candidateCount, places, sorted);
  let above = 0;
  let tied = 0;
  for (let candidate = 0; candidate < candidateCount; candidate++) {
    const value = votes[offset + candidate];
    if (value > boundary) above++;
    else if (value === boundary) tied++;
  }
  const tiedShare = (places - above) / tied;
  for (let candidate = 0; candidate < candidateCount; candidate++) {
    const value = votes[offset + candidate];
    if (value > boundary) credit[candidate] += 1;
    else if (value === boundary) credit[candidate] += tiedShare;
  }
}

/**
 * The votes of the candidate in place `places` (1 = most votes), counting tied candidates as separate places:
 * the value a full sort would put at index `candidateCount − places`. One pass for the first two places,
 * which is all the rules ask for; a sort beyond them.
 */
function placeValue(votes: ArrayLike<number>, offset: number, candidateCount: number, places: number, sorted: Float64Array): number {
  if (places <= 2) {
    let largest = -Infinity;
    let second = -Infinity;
    for (let candidate = 0; candidate < candidateCount; candidate++) {
      const value = votes[offset + candidate];
      if (value > largest) {
        second = largest;
        largest = value;
      } else if (value > second) second = value;
    }
    return places === 1 ? largest : second;
  }
  for (let candidate = 0; candidate < candidateCount; candidate++) sorted[candidate] = votes[offset + candidate];
  sorted.sort();
  return sorted[candidateCount - places];
}
