import { describeProblem, fieldsUnder, toApiProblem } from './api-problem.js';

describe('toApiProblem', () => {
  it('reads code, fields and message from GraphQL errors', () => {
    const problem = toApiProblem({
      errors: [
        {
          message: 'Invalid module config',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: { 'config.channelId': 'expected a Discord snowflake' },
          },
        },
      ],
    });
    expect(problem).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Invalid module config',
      fields: { 'config.channelId': 'expected a Discord snowflake' },
      currentVersion: null,
    });
  });

  it('reads the current version of a conflict', () => {
    const problem = toApiProblem({
      errors: [{ message: 'version moved', extensions: { code: 'CONFLICT', currentVersion: 7 } }],
    });
    expect(problem.code).toBe('CONFLICT');
    expect(problem.currentVersion).toBe(7);
    expect(describeProblem(problem)).toMatch(/Someone else changed this.*reload/);
  });

  it('parses the GraphQL body of a non-2xx HTTP answer', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Missing token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(toApiProblem({ statusCode: 401, bodyText: body }).code).toBe('UNAUTHENTICATED');
    expect(toApiProblem({ statusCode: 401, bodyText: 'nope' }).code).toBe('UNAUTHENTICATED');
  });

  it('treats anything else as a network error with its message', () => {
    expect(toApiProblem(new TypeError('Failed to fetch'))).toEqual({
      code: 'NETWORK_ERROR',
      message: 'Failed to fetch',
      fields: {},
      currentVersion: null,
    });
    expect(toApiProblem(undefined).message).toBe('Could not reach the API');
  });
});

describe('fieldsUnder', () => {
  it('strips the prefix of dotted and indexed paths and ignores other fields', () => {
    expect(
      fieldsUnder(
        { 'config.message': 'too long', 'config.rules[0].words': 'empty', config: 'required', limit: 'x' },
        'config',
      ),
    ).toEqual({ message: 'too long', 'rules[0].words': 'empty', '': 'required' });
  });
});
