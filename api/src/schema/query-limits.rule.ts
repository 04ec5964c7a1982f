// Our own rule rather than a library: graphql-depth-limit bounds depth only, not cost; a cost library
// (graphql-query-complexity) would still need an estimator written here for this schema's rules (`first`
// and `limit` multiply the selection below them, a connection's `edges` and `nodes` are one page, the
// assumed sizes below), which is most of this file. One validation rule measures both in one pass and
// runs unchanged under Apollo (HTTP) and graphql-ws.
import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting allowed (the root field is depth 1). */
  readonly maxDepth: number;
  /** Highest estimated cost: each field costs 1, times the page size of every list above it. */
  readonly maxComplexity: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 12, maxComplexity: 20_000 };

/** List arguments whose value multiplies the cost of the selection below them. */
const sizeArguments = ['first', 'limit'];
/** Assumed size of a list field without a size argument. */
const defaultListSize = 10;
/**
 * Lists whose size a size argument elsewhere already counts (a connection's `edges`/`nodes`), or that are
 * known to be larger than the default (an admin may see every guild).
 */
const assumedListSizes: Record<string, number> = {
  'Query.guilds': 100,
  'ModerationConnection.edges': 1,
  'ModerationConnection.nodes': 1,
  'EventConnection.nodes': 1,
  'InviteGraph.nodes': 1,
  'InviteGraph.edges': 1,
  'GuildInvites.activeInvites': 100,
};

/**
 * One validation rule for both limits, run by Apollo (HTTP) and graphql-ws alike, before any resolver.
 * Cost: each field costs 1; a list field multiplies the cost of its selection by its page size (`first`
 * or `limit` literal, else an assumed size). Fragments are expanded (with a cycle guard; cycles are
 * reported by graphql-js's own rule). Introspection counts too; `__typename` is free.
 */
export function queryLimitsRule(limits: QueryLimits = defaultQueryLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === 'FragmentDefinition') fragments.set(def.name.value, def);
    }

    const measure = (
      set: SelectionSetNode,
      parent: GraphQLNamedType | undefined,
      depth: number,
      seen: ReadonlySet<string>,
    ): { depth: number; cost: number } => {
      let maxDepth = depth;
      let cost = 0;
      for (const sel of set.selections) {
        if (sel.kind === 'Field') {
          const name = sel.name.value;
          if (name === '__typename') continue;
          const def = fieldDef(schema, parent, name);
          const type = def?.type;
          cost += 1;
          if (sel.selectionSet) {
            const inner = measure(sel.selectionSet, type ? getNamedType(type) : undefined, depth + 1, seen);
            maxDepth = Math.max(maxDepth, inner.depth);
            const multiplier = listSize(sel, parent, name, !!type && isListType(getNullableType(type)));
            cost += multiplier * inner.cost;
          } else {
            maxDepth = Math.max(maxDepth, depth);
          }
        } else if (sel.kind === 'InlineFragment') {
          const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
          const inner = measure(sel.selectionSet, cond ?? parent, depth, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        } else {
          const fragName = sel.name.value;
          const frag = fragments.get(fragName);
          if (!frag || seen.has(fragName)) continue;
          const cond = schema.getType(frag.typeCondition.name.value) ?? parent;
          const inner = measure(frag.selectionSet, cond, depth, new Set([...seen, fragName]));
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += inner.cost;
        }
      }
      return { depth: maxDepth, cost };
    };

    return {
      OperationDefinition(node) {
        const opName = node.name ? `Operation "${node.name.value}"` : 'The operation';
        const root = schema.getRootType(node.operation) ?? undefined;
        const { depth, cost } = measure(node.selectionSet, root, 1, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`${opName} is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`, {
              nodes: [node],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', depth, max: limits.maxDepth },
            }),
          );
        }
        if (cost > limits.maxComplexity) {
          context.reportError(
            new GraphQLError(
              `${opName} has an estimated cost of ${cost}; the limit is ${limits.maxComplexity}. Ask for fewer items or fields.`,
              {
                nodes: [node],
                extensions: {
                  code: 'GRAPHQL_VALIDATION_FAILED',
                  limit: 'complexity',
                  complexity: cost,
                  max: limits.maxComplexity,
                },
              },
            ),
          );
        }
      },
    };
  };
}

function fieldDef(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string) {
  if (name === '__schema') return { type: schema.getType('__Schema') as GraphQLNamedType };
  if (name === '__type') return { type: schema.getType('__Type') as GraphQLNamedType };
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  return parent.getFields()[name];
}

/**
 * How many times a field's selection is resolved: its `first`/`limit` literal (a list or a connection),
 * else for a list its assumed size, else 1.
 */
function listSize(
  field: FieldNode,
  parent: GraphQLNamedType | undefined,
  name: string,
  isList: boolean,
): number {
  let sized = false;
  for (const arg of field.arguments ?? []) {
    if (!sizeArguments.includes(arg.name.value)) continue;
    sized = true;
    const value = arg.value.kind === 'Variable' ? undefined : valueFromASTUntyped(arg.value);
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.min(value, 10_000);
  }
  if (!isList && !sized) return 1;
  return assumedListSizes[`${parent?.name}.${name}`] ?? defaultListSize;
}
