// The documents the night page reads, checked with the zod schemas they were written with (core/schemas), so
// a bad document is refused with a message naming the field, never drawn half-read.
import * as z from 'zod';
import { ForecastSchema, type Forecast } from '../../../core/schemas/forecast.ts';
import { NightSummarySchema, type NightSummary } from '../../../core/schemas/night.ts';

// The page's CSP forbids eval: without this, zod would try `new Function` once to see whether it may compile
// its checks, and Chromium would log the refusal as an error.
z.config({ jitless: true });

export type { Forecast } from '../../../core/schemas/forecast.ts';
export type { NightRace, NightSummary, PartySeats, SeatCounts } from '../../../core/schemas/night.ts';

/** A document as read: its value, or why it is not one. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** `body` as a night summary, or the schema's complaint about it, field by field. */
export function checkSummary(body: unknown): Checked<NightSummary> {
  return checked(NightSummarySchema, body);
}

/** `body` as a forecast (latest.json), or the schema's complaint about it. */
export function checkForecast(body: unknown): Checked<Forecast> {
  return checked(ForecastSchema, body);
}

function checked<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, value: result.data } : { ok: false, problem: z.prettifyError(result.error) };
}
