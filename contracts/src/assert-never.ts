/** The `default` of a `switch` that handles every case: a compile error if one is missed, a throw if a value lies. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what} ${JSON.stringify(value) ?? String(value)}`);
}
