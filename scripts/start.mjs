#!/usr/bin/env node
// `npm start`: runs the embedded stack. The services land issue by issue; this script starts what
// exists and says plainly what does not yet, rather than printing a fake success.
console.error(
  [
    'guildscope: the embedded stack is not assembled yet.',
    'What exists today: the event contracts (contracts/) and the workspaces skeleton.',
    'Run `npm test` to exercise what has landed. See README.md > Status.',
  ].join('\n'),
);
process.exit(1);
