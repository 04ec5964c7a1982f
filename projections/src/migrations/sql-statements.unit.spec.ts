import { describe, expect, it } from '@jest/globals';
import { splitSqlStatements } from './sql-statements.js';

describe('splitSqlStatements', () => {
  it('splits at top-level semicolons and drops comment-only chunks', () => {
    expect(
      splitSqlStatements('-- header\nCREATE TABLE a (x int);\n\n/* c; */ SELECT 1;\n-- trailing'),
    ).toEqual(['-- header\nCREATE TABLE a (x int)', '/* c; */ SELECT 1']);
  });

  it('keeps semicolons inside strings, identifiers and dollar-quoted bodies', () => {
    const script = `SELECT 'a;b', "we;ird";\nCREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;\nSELECT 'it''s; fine'`;
    expect(splitSqlStatements(script)).toHaveLength(3);
    expect(splitSqlStatements(script)[1]).toContain('RETURN 1; END');
  });
});
