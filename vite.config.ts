import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vitest/config';
import { loadContent, formatProblems } from './src/lib/server/content/load.ts';

/** The build fails on any content problem, with the same file:line messages as `npm run content:check`. */
function contentCheck(): Plugin {
	return {
		name: 'credo-content-check',
		apply: 'build',
		buildStart() {
			const { problems } = loadContent();
			if (problems.length) this.error(`content/ has ${problems.length} problem(s):\n${formatProblems(problems)}`);
		}
	};
}

const TESTS = ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts'];
/** Test files that mock modules or change process-wide settings: each runs in its own module graph. */
const ISOLATED = [
	'src/lib/server/setup/jurisdictions.test.ts',
	'src/lib/server/learning/attempts.test.ts',
	'src/lib/server/auth/guards.test.ts',
	'src/lib/server/certificates/credential-download.test.ts',
	'src/lib/dates.test.ts',
	'tests/integration/replica.test.ts'
];

export default defineConfig({
	plugins: [
		contentCheck(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2,
		// Most files share their worker's modules (isolate: false): importing the server's modules afresh for each of
		// 80 files cost more than the tests themselves. Files that mock a module or change the process's environment
		// (time zone, content folder, database URL) run isolated.
		projects: [
			{ extends: true, test: { name: 'shared', isolate: false, include: TESTS, exclude: ISOLATED } },
			{ extends: true, test: { name: 'isolated', include: ISOLATED } }
		]
	}
});
