/** One CSV record: field values by header name, exactly as written (no trimming, no type conversion). */
export type CsvRecord = Readonly<Record<string, string>>;

/**
 * Parses RFC 4180 CSV text into records keyed by the header row.
 *
 * Fields are separated by commas and may be wrapped in double quotes; inside quotes a comma or line break is
 * part of the field and `""` stands for one `"`. Lines end in LF or CRLF; blank lines are skipped.
 * `overflowInto` names a free-text column whose unquoted commas split it: a row with too many fields gets
 * its surplus joined back into that column (eub_la_county.csv has one such note: "'15,105 ballots ...'").
 * Throws on an unterminated quote, text after a closing quote, or a row whose field count is still wrong.
 *
 * @example parseCsv('name,votes\n"JOHN ""J"" DOE",12\n') // [{ name: 'JOHN "J" DOE', votes: '12' }]
 */
export function parseCsv(text: string, options: { overflowInto?: string } = {}): CsvRecord[] {
  const [header, ...body] = splitRows(text);
  if (header === undefined) return [];
  const overflowColumn = options.overflowInto === undefined ? -1 : header.indexOf(options.overflowInto);
  if (options.overflowInto !== undefined && overflowColumn < 0) {
    throw new Error(`CSV: no column "${options.overflowInto}"`);
  }
  return body.map((row, index) => {
    const fields = overflowColumn >= 0 ? joinOverflow(row, header.length, overflowColumn) : row;
    if (fields.length !== header.length) {
      throw new Error(`CSV row ${index + 2}: expected ${header.length} fields, got ${fields.length}`);
    }
    return Object.fromEntries(header.map((name, column) => [name, fields[column]]));
  });
}

/** Joins the fields a row has beyond `width` back into the field at `column`, commas restored. */
function joinOverflow(fields: readonly string[], width: number, column: number): readonly string[] {
  const surplus = fields.length - width;
  if (surplus <= 0) return fields;
  const joined = fields.slice(column, column + surplus + 1).join(',');
  return [...fields.slice(0, column), joined, ...fields.slice(column + surplus + 1)];
}

/** Splits CSV text into rows of unquoted field values, in one pass over the characters. */
function splitRows(text: string): string[][] {
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false; // a quoted field just closed: only a separator or a line end may follow
  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRow = () => {
    endField();
    // A blank line parses as one empty field; it is not a record.
    if (fields.length > 1 || fields[0] !== '') rows.push(fields);
    fields = [];
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inQuotes) {
      if (char !== '"') {
        field += char;
      } else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    } else if (char === ',') {
      endField();
    } else if (char === '\n') {
      endRow();
    } else if (char === '\r' && text[index + 1] === '\n') {
      // The LF that follows ends the row.
    } else if (afterQuote) {
      throw new Error(`CSV: unexpected ${JSON.stringify(char)} after a closing quote`);
    } else if (char === '"' && field === '') {
      inQuotes = true;
    } else {
      field += char;
    }
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || fields.length > 0 || afterQuote) endRow();
  return rows;
}
