import { z } from 'zod';

describe('toolchain', () => {
  it('runs ESM TypeScript tests with zod', () => {
    expect(z.string().safeParse(1).success).toBe(false);
  });
});
