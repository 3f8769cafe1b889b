// `npm run content:check [-- --dir <content folder>]`: every content problem as file:line: message; exit 1 if any.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadContent, formatProblems } from '../src/lib/server/content/load.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const started = performance.now();
const { content, problems } = loadContent(values.dir ? path.resolve(values.dir) : undefined);
const ms = Math.round(performance.now() - started);
if (problems.length) {
	console.error(formatProblems(problems));
	console.error(`\n${problems.length} problem(s) in content/ (${ms} ms)`);
	process.exit(1);
}
const reviewed = content.modules.filter((m) => !m.draft).length;
console.log(
	`content/ is valid: ${content.framework.competencies.length} competencies, ${reviewed} reviewed and ${content.modules.length - reviewed} draft modules (${ms} ms)`
);
