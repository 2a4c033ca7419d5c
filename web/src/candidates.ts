import type { Forecast } from './published.ts';
import { candidateColour } from './palette.ts';

/** The candidate's name in the forecast, or its id if it has none. */
export function nameOf(forecast: Forecast, id: string): string {
  return forecast.candidates.find((candidate) => candidate.id === id)?.name ?? id;
}

/** The candidate's colour: by its position in the race, so it is the same in every chart. */
export function colourOf(forecast: Forecast, id: string): string {
  return candidateColour(forecast.candidates.findIndex((candidate) => candidate.id === id));
}

/** The rule's kind; forecasts without a rule are plurality. */
export function ruleKind(forecast: Forecast): 'plurality' | 'majority' | 'top-two' {
  return forecast.rule?.kind ?? 'plurality';
}
