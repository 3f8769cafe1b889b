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
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});
