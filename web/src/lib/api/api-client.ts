import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import type { Endpoint } from './endpoint.js';

export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

export interface ApiClient {
  readonly apollo: ApolloClient;
  dispose(): void;
}

/**
 * Apollo Client (core, no React) for one token: queries and mutations over HTTP with the bearer token,
 * subscriptions over graphql-ws with the token in `connectionParams` (the API checks it on connect).
 * The socket opens on the first subscription and retries with backoff when the server restarts.
 */
export function createApiClient(
  endpoint: Endpoint,
  token: string,
  onLiveStatus: (status: LiveStatus) => void = () => {},
): ApiClient {
  const authorization = `Bearer ${token}`;
  const http = new HttpLink({ uri: endpoint.httpUrl, headers: { authorization } });
  const ws = createClient({
    url: endpoint.wsUrl,
    connectionParams: { authorization },
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    // 4401: the token was refused; retrying cannot help.
    shouldRetry: (event) => !(event && typeof event === 'object' && (event as CloseEvent).code === 4401),
    on: {
      connecting: (isRetry) => onLiveStatus(isRetry ? 'reconnecting' : 'connecting'),
      connected: () => onLiveStatus('live'),
      closed: () => onLiveStatus('idle'),
    },
  });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    http,
  );
  const apollo = new ApolloClient({
    link,
    cache: new InMemoryCache(),
    // The read models change all the time; every page asks the API and live data comes by subscription.
    defaultOptions: {
      query: { fetchPolicy: 'no-cache' },
      watchQuery: { fetchPolicy: 'no-cache' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });
  return {
    apollo,
    dispose() {
      apollo.stop();
      void ws.dispose();
      onLiveStatus('idle');
    },
  };
}
