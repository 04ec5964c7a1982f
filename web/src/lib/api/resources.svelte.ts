import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import type { ReadModel } from '../graphql/generated/graphql.js';
import { READ_MODEL_CHANGED } from '../graphql/read-models.js';
import type { Api } from './api.svelte.js';
import type { ApiProblem } from './api-problem.js';

export interface QueryResource<T> {
  readonly data: T | null;
  /** True while a request is in flight (data keeps the previous answer meanwhile). */
  readonly loading: boolean;
  readonly error: ApiProblem | null;
  refetch(): Promise<void>;
  /**
   * Asks again without flagging `loading` (a live update: the figures change in place, nothing dims).
   * Calls while one is in flight are folded into one more request after it, so a burst of changes costs
   * at most two requests and the last answer is never older than the last call.
   */
  refresh(): Promise<void>;
  /** Replaces the data locally (live updates folded in). */
  set(data: T): void;
}

/**
 * A query that reruns whenever the variables it reads change (`variables` is a function so runes track
 * it). Returning null from `variables` pauses it. Call during component initialisation.
 */
export function createQuery<T, V extends OperationVariables>(
  api: Api,
  document: TypedDocumentNode<T, V>,
  variables: () => V | null,
): QueryResource<T> {
  let data = $state.raw<T | null>(null);
  let loading = $state(true);
  let error = $state.raw<ApiProblem | null>(null);
  let generation = 0;
  let current: V | null = null;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;

  async function run(vars: V, quiet = false): Promise<void> {
    const mine = ++generation;
    if (!quiet) loading = true;
    const outcome = await api.query(document, vars);
    if (mine !== generation) return; // a newer request superseded this one
    if (outcome.ok) {
      data = outcome.data;
      error = null;
    } else {
      error = outcome.problem;
    }
    loading = false;
  }

  $effect(() => {
    const vars = variables();
    current = vars;
    if (vars === null) {
      loading = false;
      return;
    }
    void run(vars);
  });

  return {
    get data() {
      return data;
    },
    get loading() {
      return loading;
    },
    get error() {
      return error;
    },
    refetch: () => (current ? run(current) : Promise.resolve()),
    refresh() {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          if (current) await run(current, true);
        } while (refreshAgain);
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    set(next: T) {
      data = next;
    },
  };
}

export interface SubscriptionStatus {
  readonly error: ApiProblem | null;
}

/**
 * A subscription that follows its variables (resubscribes when they change, stops when the component is
 * destroyed or `variables` returns null). Call during component initialisation.
 */
export function createSubscription<T, V extends OperationVariables>(
  api: Api,
  document: TypedDocumentNode<T, V>,
  variables: () => V | null,
  onData: (data: T) => void,
): SubscriptionStatus {
  let error = $state.raw<ApiProblem | null>(null);
  $effect(() => {
    const vars = variables();
    if (vars === null || !api.token) return;
    error = null;
    return api.subscribe(document, vars, onData, (problem) => {
      error = problem;
    });
  });
  return {
    get error() {
      return error;
    },
  };
}

/**
 * Keeps a query current: refreshes it (quietly, see {@link QueryResource.refresh}) each time the API reports
 * a committed change of one of `readModels` for the guild (`readModelChanged`, pushed on commit; nothing
 * polls). Call during component initialisation.
 */
export function refreshOnCommit<T>(
  api: Api,
  resource: QueryResource<T>,
  guildId: () => string | null,
  readModels: readonly ReadModel[],
): SubscriptionStatus {
  return createSubscription(
    api,
    READ_MODEL_CHANGED,
    () => {
      const id = guildId();
      return id ? { guildId: id, readModels: [...readModels] } : null;
    },
    () => void resource.refresh(),
  );
}
