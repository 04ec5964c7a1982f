import { type VariableRow, variableRows } from '@guildscope/contracts/config';
import { type ProcessConfiguration, processConfigurations } from './process-configurations.js';

const HEADER = `# Configuration

Generated from the processes' zod schemas by \`npm run docs:config\`; a test fails when this page and the
schemas differ. Every process reads its variables once, at start, through the one loader of
\`@guildscope/contracts/config\`: values are trimmed, an empty value counts as unset, and a refused value
stops the process (exit code 2) with one message listing every problem, each line naming the variable:

\`\`\`
Invalid api configuration:
  - API_PORT must be a port number 0-65535 (got "http")
  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")
\`\`\`

Tokens and URLs that may hold a password are never quoted back. \`npm start\` and the server also read a
JSON file of \`VARIABLE: value\` (\`START_CONFIG_FILE\`, \`SERVER_CONFIG_FILE\`); the environment wins over it.
The simulator, a development tool, takes command-line flags instead (\`node simulator/dist/main.js --help\`).
`;

/** The whole of docs/configuration.md. */
export function configurationDocs(
  processes: readonly ProcessConfiguration[] = processConfigurations,
): string {
  const lines = [HEADER, '## Processes', '', '| process | started with | reads |', '| --- | --- | --- |'];
  for (const p of processes)
    lines.push(`| ${p.process} | ${p.run} | ${p.reads.map((c) => c.subject).join(', ')} |`);
  lines.push(
    '',
    '## Variables',
    '',
    'One row per variable and meaning; a variable read the same way by several processes has one row.',
    '',
    '| variable | default | accepts | meaning | read by |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const { row, readBy } of mergedRows(processes))
    lines.push(
      `| \`${row.name}\` | ${cell(row.default)} | ${cell(row.accepts)} | ${cell(row.meaning)} | ${readBy.join(', ')} |`,
    );
  return `${lines.join('\n')}\n`;
}

/** Rows of every process, those identical in all columns merged, sorted by variable name. */
function mergedRows(processes: readonly ProcessConfiguration[]) {
  const rows = new Map<string, { row: VariableRow; readBy: string[] }>();
  for (const p of processes)
    for (const config of p.reads)
      for (const row of variableRows(config.schema)) {
        const key = JSON.stringify(row);
        const entry = rows.get(key) ?? { row, readBy: [] };
        if (!entry.readBy.includes(p.process)) entry.readBy.push(p.process);
        rows.set(key, entry);
      }
  return [...rows.values()].sort((a, b) => a.row.name.localeCompare(b.row.name));
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}
