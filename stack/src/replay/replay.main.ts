#!/usr/bin/env node
// `npm run replay -- --guild <id> ...`: the auditors' replay CLI (see stack/README.md).
import { runReplay } from './replay.command.js';

process.exitCode = await runReplay(process.argv.slice(2), process.env, {
  stdout: process.stdout,
  stderr: process.stderr,
});
