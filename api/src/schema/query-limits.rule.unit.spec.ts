import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { queryLimitsRule } from './query-limits.rule.js';

const schema = buildSchema(`
  type Query { node: Node, list(first: Int): [Node!]! }
  type Node { id: ID!, child: Node, children(limit: Int): [Node!]! }
`);

const check = (query: string, limits = { maxDepth: 4, maxComplexity: 100 }) =>
  validate(schema, parse(query), [...specifiedRules, queryLimitsRule(limits)]).map((e) => e.message);

describe('queryLimitsRule', () => {
  it('accepts a query within both limits', () => {
    expect(check('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('rejects a query nested deeper than the limit, naming depth and limit', () => {
    expect(check('query Deep { node { child { child { child { id } } } } }')).toEqual([
      'Operation "Deep" is nested 5 levels deep; the limit is 4.',
    ]);
  });

  it('counts depth through fragments and inline fragments', () => {
    const errors = check(
      '{ node { ...F } } fragment F on Node { child { ... on Node { child { child { id } } } } }',
    );
    expect(errors).toEqual(['The operation is nested 5 levels deep; the limit is 4.']);
  });

  it('multiplies the cost of a list selection by its page size', () => {
    expect(check('{ list(first: 20) { id children(limit: 2) { id } } }')).toEqual([]);
    expect(check('{ list(first: 50) { id children(limit: 5) { id } } }')[0]).toMatch(
      /estimated cost of 351; the limit is 100/,
    );
  });

  it('assumes a size for lists without a size argument', () => {
    // list without first: 1 + 10 x (id + children + 10 x id) = 121
    expect(check('{ list { id children { id } } }', { maxDepth: 4, maxComplexity: 1000 })).toEqual([]);
    expect(check('{ list { id children { id } } }', { maxDepth: 4, maxComplexity: 100 })[0]).toMatch(
      /estimated cost of 121;/,
    );
  });

  it('survives a fragment cycle (reported by the spec rules, not a stack overflow)', () => {
    const errors = check(
      '{ node { ...A } } fragment A on Node { child { ...B } } fragment B on Node { child { ...A } }',
    );
    expect(errors.some((m) => /Cannot spread fragment "A" within itself/.test(m))).toBe(true);
  });
});
