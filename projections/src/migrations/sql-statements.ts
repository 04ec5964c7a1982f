/**
 * Splits a SQL script into statements at top-level semicolons, skipping those inside quotes,
 * dollar-quoted bodies and comments. Needed for `-- no-transaction` migrations: Postgres runs a
 * multi-statement string as one implicit transaction block, which TimescaleDB refuses for continuous
 * aggregates, so each statement is sent on its own.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      i += 1;
      while (i < n) {
        if (script[i] === c && script[i + 1] === c) i += 2;
        else if (script[i] === c) break;
        else i += 1;
      }
      i += 1;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? n : end + tag[0].length;
      } else i += 1;
    } else if (c === ';') {
      push(script.slice(start, i));
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  push(script.slice(start));
  return statements;

  function push(text: string): void {
    // A chunk of only comments and blanks is no statement.
    const meaningful = text
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim();
    if (meaningful) statements.push(text.trim());
  }
}
