import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function parseDate(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be an ISO-8601 string');
  // Require a date and an explicit zone (Z or +hh:mm) for date-times, so no value depends on the server's zone.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(value)) {
    throw new GraphQLError(
      `DateTime "${value.slice(0, 40)}" is not ISO-8601 with a time zone (e.g. 2026-11-21T15:00:00Z)`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new GraphQLError(`DateTime "${value.slice(0, 40)}" is not a valid date`);
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An instant, ISO-8601 with time zone on output (e.g. `2026-11-21T15:00:00.000Z`); ISO-8601 with a zone on input.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string | number);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { nodes: ast });
    return parseDate(ast.value);
  },
});

function literalToJson(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    case Kind.ENUM:
      return ast.value;
    default: {
      const never: never = ast;
      throw new GraphQLError(`Unsupported JSON literal ${(never as ValueNode).kind}`);
    }
  }
}

export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value, returned exactly as stored.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => literalToJson(ast, variables),
});
