// ESLint: typescript-eslint's recommended rules and eslint-plugin-svelte's, with Prettier owning the layout.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.data/',
			'node_modules/',
			'src/lib/paraglide/',
			'src/lib/server/generated/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		// one way to write a form action: routes use formAction, never the pieces it is made of
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '$lib/server/http',
							importNames: ['readForm', 'failFrom', 'deliver'],
							message: 'Write the action with formAction (DEVELOPERS.md, "Writing a form").'
						},
						{
							name: '$lib/server/forms/parse',
							importNames: ['parseForm'],
							message: 'Write the action with formAction (DEVELOPERS.md, "Writing a form").'
						},
						{
							name: '$lib/server/db',
							message: 'Routes call domain functions; queries live in src/lib/server/<domain>/.'
						}
					]
				}
			]
		}
	},
	{
		rules: {
			// Credo is served at the root (no paths.base), so resolve() on every link would add nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// {' · '} keeps a separator's spaces where Prettier would otherwise move them
			'svelte/no-useless-mustaches': 'off',
			// TypeScript checks names itself (typescript-eslint's advice); DOM types such as AutoFill are not globals
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			]
		}
	}
);
