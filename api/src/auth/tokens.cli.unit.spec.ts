import { CliUsageError, parseCliArgs } from './tokens.cli.js';

describe('tokens CLI arguments', () => {
  it('parses create with a role and guilds', () => {
    expect(
      parseCliArgs(['tokens', 'create', '--role', 'viewer', '--guilds', '1,2', '--label', 'grafana']),
    ).toEqual({
      kind: 'create',
      role: 'viewer',
      guildIds: ['1', '2'],
      label: 'grafana',
    });
    expect(parseCliArgs(['tokens', 'create', '--role', 'admin', '--all-guilds'])).toMatchObject({
      guildIds: null,
    });
  });

  it('parses revoke and list', () => {
    expect(parseCliArgs(['tokens', 'revoke', 'abc'])).toEqual({ kind: 'revoke', id: 'abc' });
    expect(parseCliArgs(['tokens', 'list', '--include-revoked'])).toEqual({
      kind: 'list',
      includeRevoked: true,
    });
  });

  it('explains what is missing or wrong', () => {
    expect(() => parseCliArgs(['tokens', 'create', '--role', 'root', '--all-guilds'])).toThrow(
      'tokens create needs --role admin, viewer or auditor',
    );
    expect(() => parseCliArgs(['tokens', 'create', '--role', 'viewer'])).toThrow('needs --guilds');
    expect(() => parseCliArgs(['tokens', 'revoke'])).toThrow('exactly one token id');
    expect(() => parseCliArgs(['users'])).toThrow(CliUsageError);
  });
});
