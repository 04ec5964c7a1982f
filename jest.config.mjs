// One jest project per test tier. Tests live beside the code in every workspace's src/.
// Native ESM (run with --experimental-vm-modules, see the root "jest" script): our code is ESM and
// several dependencies are ESM-only.
import { existsSync } from 'node:fs';

const workspaces = [
  'contracts',
  'write-side',
  'gateway',
  'projections',
  'api',
  'bot',
  'simulator',
  'web',
  'stack',
].filter((ws) => existsSync(new URL(`./${ws}/src`, import.meta.url)));

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

/** @param {string} tier @param {object} extra */
const project = (tier, extra = {}) => ({
  displayName: tier,
  testEnvironment: 'node',
  roots: workspaces.map((ws) => `<rootDir>/${ws}/src`),
  testMatch: [`**/*.${tier}.spec.ts`],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    // Workspaces import each other by package name; tests run the TypeScript sources directly.
    '^@guildscope/([a-z-]+)$': '<rootDir>/$1/src/index.ts',
    // Subpath exports name a module of the workspace's src (`@guildscope/gateway/node-options`) or a
    // folder of it with its index (`@guildscope/contracts/config`).
    '^@guildscope/([a-z-]+)/([a-z-]+)$': ['<rootDir>/$1/src/$1.$2.ts', '<rootDir>/$1/src/$2/index.ts'],
    // NodeNext source imports end in .js; map them back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  ...extra,
});

export default {
  // CI must never hang on a leaked handle; locally, jest reports them.
  forceExit: process.env.CI === 'true',
  maxWorkers: 2,
  // Per-project testTimeout is not honoured by every jest code path; the global default covers int tests.
  testTimeout: 60_000,
  projects: [
    project('unit'),
    project('int', { slowTestThreshold: 30, testTimeout: 60_000 }),
    project('e2e', {
      slowTestThreshold: 120,
      testTimeout: 180_000,
      testPathIgnorePatterns: ['\\.browser\\.e2e\\.spec\\.ts$'],
    }),
    project('browser', {
      testMatch: ['**/*.browser.e2e.spec.ts'],
      slowTestThreshold: 120,
      testTimeout: 180_000,
    }),
  ],
};
