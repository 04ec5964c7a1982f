#!/usr/bin/env node
// `npm run docs:config`: writes docs/configuration.md from the processes' configuration schemas.
import { writeFileSync } from 'node:fs';
import { configurationDocs } from './configuration-docs.js';

const target = new URL('../../../docs/configuration.md', import.meta.url);
writeFileSync(target, configurationDocs());
process.stdout.write(`wrote ${target.pathname}\n`);
