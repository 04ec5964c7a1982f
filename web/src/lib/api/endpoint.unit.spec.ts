import { resolveEndpoint } from './endpoint.js';

describe('resolveEndpoint', () => {
  it('uses the same origin by default, with ws for http and wss for https', () => {
    expect(resolveEndpoint('http://localhost:3000/guilds/1', null)).toEqual({
      endpoint: {
        httpUrl: 'http://localhost:3000/graphql',
        wsUrl: 'ws://localhost:3000/graphql',
        overridden: false,
      },
      store: undefined,
    });
    expect(resolveEndpoint('https://dash.example.org/', null).endpoint).toMatchObject({
      httpUrl: 'https://dash.example.org/graphql',
      wsUrl: 'wss://dash.example.org/graphql',
    });
  });

  it('takes ?api= and asks to remember it', () => {
    const { endpoint, store } = resolveEndpoint('http://localhost:5173/?api=http://127.0.0.1:4000', null);
    expect(endpoint).toEqual({
      httpUrl: 'http://127.0.0.1:4000/graphql',
      wsUrl: 'ws://127.0.0.1:4000/graphql',
      overridden: true,
    });
    expect(store).toBe('http://127.0.0.1:4000');
  });

  it('keeps an explicit /graphql path and uses a stored override', () => {
    expect(resolveEndpoint('http://localhost:5173/', 'https://api.example.org/graphql').endpoint).toEqual({
      httpUrl: 'https://api.example.org/graphql',
      wsUrl: 'wss://api.example.org/graphql',
      overridden: true,
    });
  });

  it('?api=default clears the stored override', () => {
    const result = resolveEndpoint('http://localhost:5173/?api=default', 'http://127.0.0.1:4000');
    expect(result.endpoint.httpUrl).toBe('http://localhost:5173/graphql');
    expect(result.store).toBeNull();
  });

  it('falls back to the same origin on a malformed override', () => {
    const result = resolveEndpoint('http://localhost:5173/', 'http://[bad');
    expect(result.endpoint.httpUrl).toBe('http://localhost:5173/graphql');
    expect(result.store).toBeNull();
  });
});
