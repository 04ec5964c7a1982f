import {
  ConflictError as DomainConflict,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
  ValidationError,
} from '@guildscope/contracts';
import { InvalidActivityQueryError } from '@guildscope/projections';
import { WrongExpectedVersionError } from '@guildscope/write-side';
import { GraphQLError } from 'graphql';
import pino from 'pino';
import { BadUserInputError } from './api-errors.js';
import { createFormatError } from './format-error.js';

const formatError = createFormatError(pino({ level: 'silent' }));
const thrownInResolver = (error: Error) => {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['guild'] });
  return formatError(wrapped.toJSON(), wrapped);
};

describe('formatError', () => {
  it('gives API errors their code and fields', () => {
    expect(thrownInResolver(new BadUserInputError('limit: too big', { limit: 'too big' }))).toEqual({
      message: 'limit: too big',
      path: ['guild'],
      extensions: { code: 'BAD_USER_INPUT', fields: { limit: 'too big' } },
    });
    expect(thrownInResolver(new ForbiddenError('no')).extensions?.code).toBe('FORBIDDEN');
  });

  it('maps write-side domain errors by category, with field messages and the current version', () => {
    const invalid = new ValidationError('Invalid welcome config', [
      { path: 'config.channelId', message: 'expected a snowflake' },
    ]);
    expect(thrownInResolver(invalid).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      fields: { 'config.channelId': 'expected a snowflake' },
    });
    expect(thrownInResolver(new DomainConflict('module-config-1', 2, 5)).extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 5,
    });
    expect(thrownInResolver(new WrongExpectedVersionError('s', 1, 4)).extensions).toEqual({
      code: 'CONFLICT',
      currentVersion: 5,
    });
  });

  it.each([
    [new NotFoundError('no member'), { code: 'NOT_FOUND' }],
    [new ForbiddenError('not yours'), { code: 'FORBIDDEN' }],
    [new UnauthenticatedError('who are you'), { code: 'UNAUTHENTICATED' }],
    [
      new RuleViolationError('MODULE_NOT_ENABLED', 'enable it first'),
      { code: 'CONFLICT', reason: 'MODULE_NOT_ENABLED' },
    ],
    [
      new InvalidActivityQueryError('too many points'),
      { code: 'BAD_USER_INPUT', reason: 'INVALID_ACTIVITY_QUERY' },
    ],
  ])('maps the shared domain error %o by its category', (error, extensions) => {
    expect(thrownInResolver(error)).toEqual({ message: error.message, path: ['guild'], extensions });
  });

  it('hides unexpected errors behind INTERNAL_SERVER_ERROR', () => {
    const out = thrownInResolver(new TypeError('cannot read properties of undefined (secret stuff)'));
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['guild'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
