/** `no-permission` (read model) -> `NO_PERMISSION` (GraphQL enum). */
export function joinClassEnumValue(c: string): string {
  return c.replace('-', '_').toUpperCase();
}
