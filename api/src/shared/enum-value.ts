/**
 * Read models store enum-like values in lower case (`ban`, `admin`, `certain`); the GraphQL enums are
 * the same words upper-cased. These conversions keep the literal types, so assigning a row's value to a
 * generated enum type (or an argument to a row type) fails to compile when the two lists drift apart.
 */
export function toEnumValue<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

/** The read-model spelling of a GraphQL enum value (see {@link toEnumValue}). */
export function fromEnumValue<T extends string>(value: T): Lowercase<T> {
  return value.toLowerCase() as Lowercase<T>;
}
