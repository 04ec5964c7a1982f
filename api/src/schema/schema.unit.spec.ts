import { makeExecutableSchema } from '@graphql-tools/schema';
import { isInputObjectType, isObjectType } from 'graphql';
import { buildResolvers } from '../resolvers.js';
import { loadSchemaSdl } from './load-schema.js';

describe('the SDL schema', () => {
  const schema = makeExecutableSchema({
    typeDefs: loadSchemaSdl(),
    resolvers: buildResolvers(),
    // Every resolver we wrote must name a field of the SDL.
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  const ours = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

  it('loads from api/schema/schema.graphql with resolvers matching its fields', () => {
    expect(schema.getQueryType()?.getFields().guild).toBeDefined();
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual([
      'enableModule',
      'disableModule',
      'updateModuleConfig',
      'resetModule',
      'createApiToken',
      'revokeApiToken',
    ]);
    expect(Object.keys(schema.getSubscriptionType()?.getFields() ?? {})).toEqual([
      'moderationEntryAdded',
      'moderationEntryUpdated',
      'memberFlow',
      'activityTick',
      'moduleChanged',
      'readModelChanged',
    ]);
  });

  it('documents every type and every field', () => {
    const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
    const undocumented: string[] = [];
    for (const type of ours) {
      if (builtIn.has(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
