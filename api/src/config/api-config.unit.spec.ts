import { ConfigError } from '@guildscope/contracts/config';
import { apiConfigFromEnv } from './api-config.js';

describe('apiConfigFromEnv', () => {
  it('has working defaults', () => {
    expect(apiConfigFromEnv({})).toEqual({ port: 4000, host: '127.0.0.1', logLevel: 'info' });
  });

  it('names the variable and the expected form in its errors', () => {
    expect(() => apiConfigFromEnv({ API_PORT: 'http' })).toThrow(
      'API_PORT must be a port number 0-65535 (got "http")',
    );
    expect(() => apiConfigFromEnv({ API_ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => apiConfigFromEnv({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of');
  });

  it('reads the bootstrap token and the read database location', () => {
    const c = apiConfigFromEnv({
      API_ADMIN_TOKEN: 'x'.repeat(32),
      DATABASE_URL: 'postgres://u:p@db/gs',
      API_PORT: '8080',
    });
    expect(c).toMatchObject({ adminToken: 'x'.repeat(32), databaseUrl: 'postgres://u:p@db/gs', port: 8080 });
  });
});
