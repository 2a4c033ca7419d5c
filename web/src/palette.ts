// Okabe and Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/), ordered so that the first
// candidates get the colours with the most contrast on white; yellow is left out (1.1:1 on white). Text is
// never drawn in these colours, and every chart labels its marks in words, so colour is never the only cue.
const CANDIDATE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;

/** Candidates past the palette's end. */
export const OTHER_COLOUR = '#767676';

/** The runoff line of majority races. */
export const RUNOFF_COLOUR = '#333333';

/**
 * The colour of the candidate at `position` in the race's candidate list, so that a candidate keeps one
 * colour in every chart and every release.
 */
export function candidateColour(position: number): string {
  return CANDIDATE_COLOURS[position] ?? OTHER_COLOUR;
}
