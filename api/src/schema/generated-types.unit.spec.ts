import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import config from './codegen.config.js';

describe('the generated GraphQL types (api resolvers, web documents)', () => {
  it('are what the generator makes of the schema and the documents today (else run `npm run codegen`)', async () => {
    const outputs: { filename: string; content: string }[] = await generate(config, false);
    expect(outputs.map((o) => o.filename.replace(/.*\/(api|web)\/src\//, '$1/src/')).sort()).toEqual([
      'api/src/schema/generated/schema-types.ts',
      'web/src/lib/graphql/generated/gql.ts',
      'web/src/lib/graphql/generated/graphql.ts',
      'web/src/lib/graphql/generated/index.ts',
    ]);
    for (const { filename, content } of outputs) {
      expect({ filename, content: readFileSync(filename, 'utf8') }).toEqual({ filename, content });
    }
  });
});
