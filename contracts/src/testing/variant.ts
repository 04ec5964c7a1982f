/** What a malformed variant may reach into: any field of the copy, checked or not. */
// biome-ignore lint/suspicious/noExplicitAny: a malformed variant reaches into any field of the copy
export type Loose = any;

/** A deep copy of `value` changed by `change` (which may mutate freely): a test's malformed input. */
export function variant<T>(value: T, change: (copy: Loose) => void): unknown {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}
