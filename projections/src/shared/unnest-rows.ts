import type { Statement } from '../read-db/read-db.port.js';
import { binaryArray } from './binary-array.js';

/**
 * Set-based writes through `unnest`: one typed array parameter per column instead of a JSON document
 * parsed by `jsonb_to_recordset`. Same SQL on PGlite and on a server (plain arrays of
 * scalars; jsonb and text[] columns travel as text and are cast per row in the SELECT).
 */

/** Column name -> Postgres type of the array element (`text`, `timestamptz`, `bigint`, `jsonb`, `text[]`...). */
export type ColumnTypes<Row> = { readonly [K in keyof Row]: string };

/** Array literal for a text[] column (`unnest` flattens 2-D arrays, so each row's array goes as text). */
export function textArrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Elements that array_in reads back unchanged without quotes (no delimiter, quote, brace or space). */
const BARE_ELEMENT = /^[0-9A-Za-z_.:/+-]+$/;

function elementLiteral(text: string): string {
  if (BARE_ELEMENT.test(text) && !(text.length === 4 && text.toLowerCase() === 'null')) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The text form of a one-dimensional array parameter (`{a,"b c",NULL}`), built here in one pass: the
 * drivers' generic array serializers quote and escape every element, which cost more than the statement
 * itself parsing it on wide batches. A string parameter is sent as it is by both PGlite and `pg`.
 */
export function arrayParameter(values: readonly unknown[], type: string): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (type === 'jsonb') parts[i] = elementLiteral(JSON.stringify(value));
    else if (type.endsWith('[]')) parts[i] = elementLiteral(textArrayLiteral(value as string[]) as string);
    else if (typeof value === 'number' || typeof value === 'bigint') parts[i] = String(value);
    else if (typeof value === 'boolean') parts[i] = value ? 'true' : 'false';
    else if (value instanceof Date) parts[i] = value.toISOString();
    else parts[i] = elementLiteral(String(value));
  }
  return `{${parts.join(',')}}`;
}

/**
 * An array argument (one column of `unnest(...)`, the right side of `= ANY(...)`): its SQL and its
 * parameter, numbered `parameter`. The parameter goes in Postgres's binary array format when every value
 * has an exact binary form (see binary-array.ts), else as an array literal; a column that is NULL on every
 * row goes as a NULL array (`unnest` pads it with NULLs: nothing to read). jsonb and text[] values travel
 * as text and are cast per row by the caller.
 */
export function arrayArgument(
  values: readonly unknown[],
  type: string,
  parameter: number,
  allowNull = true,
): { readonly sql: string; readonly param: unknown } {
  const asText = type === 'jsonb' || type.endsWith('[]');
  const elementType = asText ? 'text' : type;
  const sql = `$${parameter}::${elementType}[]`;
  if (allowNull && values.every((value) => value === null || value === undefined))
    return { sql, param: null };
  const texts = asText
    ? values.map((value) =>
        value === null || value === undefined
          ? null
          : type === 'jsonb'
            ? JSON.stringify(value)
            : textArrayLiteral(value as string[]),
      )
    : values;
  return { sql, param: binaryArray(texts, elementType) ?? arrayParameter(values, type) };
}

/**
 * `SELECT <cols> FROM (SELECT unnest(<array>) AS <col>, ...) AS x` and its parameters, for the given
 * columns of `rows`. The arrays are unnested in the select list, where Postgres steps through them
 * together (padding a shorter one with NULLs, as `unnest(a, b, ...)` does): in FROM, `unnest(a, b, ...)`
 * first copies each array's elements into a tuple store of its own, which cost a third of reading the
 * parameters on a 28-column batch. `first` is the number of the first parameter. Array-typed and jsonb
 * columns are sent as text and cast back per row.
 */
export function unnestSelect<Row>(
  columns: ColumnTypes<Row>,
  rows: readonly Row[],
  first = 1,
): { readonly sql: string; readonly params: unknown[]; readonly names: string[] } {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const params: unknown[] = [];
  const args: string[] = [];
  const select: string[] = [];
  names.forEach((name, i) => {
    const type = columns[name];
    const asText = type === 'jsonb' || type.endsWith('[]');
    // The first column always carries the row count (were every column a NULL array, no row would come).
    const { sql, param } = arrayArgument(
      rows.map((row) => row[name] as unknown),
      type,
      first + i,
      i > 0,
    );
    args.push(`unnest(${sql}) AS ${name}`);
    params.push(param);
    select.push(asText ? `x.${name}::${type}` : `x.${name}`);
  });
  return {
    sql: `SELECT ${select.join(', ')} FROM (SELECT ${args.join(', ')}) AS x`,
    params,
    names,
  };
}

/** `INSERT INTO <table> (<cols>) SELECT ... FROM unnest(...)<tail>` (`tail`: ON CONFLICT, RETURNING...). */
export function insertRows<Row>(
  table: string,
  columns: ColumnTypes<Row>,
  rows: readonly Row[],
  tail = '',
): Statement {
  const { sql, params, names } = unnestSelect(columns, rows);
  return { sql: `INSERT INTO ${table} (${names.join(', ')}) ${sql}${tail}`, params };
}

/**
 * `INSERT INTO <table> (<cols>) SELECT ... FROM unnest(...) ON CONFLICT (<key>) DO NOTHING`: the rows not
 * stored yet (a replayed row is skipped, which keeps a projection idempotent).
 */
export function insertNew<Row>(
  table: string,
  columns: ColumnTypes<Row>,
  rows: readonly Row[],
  key: readonly (keyof Row & string)[],
): Statement {
  return insertRows(table, columns, rows, ` ON CONFLICT (${key.join(', ')}) DO NOTHING`);
}
