/**
 * Set-based writes through `unnest($1::text[], $2::int[], ...)`: one typed array per column instead of a
 * JSON document parsed by `jsonb_to_recordset`. Same SQL on PGlite and on a server (plain arrays of
 * scalars; jsonb and text[] columns travel as text and are cast per row in the SELECT).
 */

/** Column name -> Postgres type of the array element (`text`, `timestamptz`, `bigint`, `jsonb`, `text[]`...). */
export type ColumnTypes<Row> = { readonly [K in keyof Row]: string };

/** Array literal for a text[] column (`unnest` flattens 2-D arrays, so each row's array goes as text). */
export function textArrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * `SELECT <cols> FROM unnest($n::<type>[], ...) AS x(<cols>)` and its parameters, for the given columns
 * of `rows`. `first` is the number of the first parameter. Array-typed and jsonb columns are sent as
 * text and cast back per row.
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
    args.push(`$${first + i}::${asText ? 'text' : type}[]`);
    select.push(asText ? `x.${name}::${type}` : `x.${name}`);
    params.push(
      rows.map((row) => {
        const value = row[name] as unknown;
        if (value === null || value === undefined) return null;
        if (type === 'jsonb') return JSON.stringify(value);
        if (type.endsWith('[]')) return textArrayLiteral(value as string[]);
        return value;
      }),
    );
  });
  return {
    sql: `SELECT ${select.join(', ')} FROM unnest(${args.join(', ')}) AS x(${names.join(', ')})`,
    params,
    names,
  };
}
