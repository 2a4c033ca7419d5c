import { parse } from 'csv-parse/sync';

/** One CSV record: field values by header name, exactly as written (no trimming, no type conversion). */
export type CsvRecord = Readonly<Record<string, string>>;

/**
 * Parses RFC 4180 CSV text, whose first row names the columns, into one record per row, with csv-parse
 * (https://csv.js.org/parse/). A byte order mark is dropped; LF and CRLF line ends are both read; blank
 * lines are skipped; fields are kept as written. Throws csv-parse's `CsvError` (its message names the line)
 * on an unterminated quote, a stray quote or a row whose number of fields differs from the header's.
 *
 * @example parseCsvRecords('name,votes\n"JOHN ""J"" DOE",12\n') // [{ name: 'JOHN "J" DOE', votes: '12' }]
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as CsvRecord[];
}

/**
 * Parses CSV text into rows of fields, the header row included, allowing rows of any length: for files with
 * a known defect to repair before the rows become records. Options and errors as for `parseCsvRecords`.
 * @example parseCsvRows('a,b\n1,2,3\n') // [['a', 'b'], ['1', '2', '3']]
 */
export function parseCsvRows(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/** A record and the line of the file it ends on (1 is the header), for messages. */
export interface NumberedCsvRecord {
  readonly line: number;
  readonly record: CsvRecord;
}

/**
 * As `parseCsvRecords`, with each record's line number, and the header's column names (so that a file with
 * a header and no rows still has its columns checked).
 */
export function parseNumberedCsvRecords(text: string): { columns: string[]; records: NumberedCsvRecord[] } {
  let columns: string[] = [];
  const parsed = parse(text, {
    bom: true,
    skip_empty_lines: true,
    info: true,
    columns: (header: string[]) => (columns = header),
  }) as { info: { lines: number }; record: CsvRecord }[];
  return { columns, records: parsed.map(({ info, record }) => ({ line: info.lines, record })) };
}
