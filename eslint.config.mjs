// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // Never build HTML from page or archive text: the DOM API and textContent only.
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Build DOM nodes; never assign HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Build DOM nodes; never insert HTML strings.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, not HTML.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name='write']", message: 'No document.write.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  // Boundaries between execution contexts: pages and the content script talk to the worker only through messages.
  {
    files: ['src/popup/**', 'src/import/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/background'], message: 'Extension pages and shared code reach the worker through messages (src/shared/messages/), never by importing it.' }] }],
    },
  },
  {
    files: ['src/popup/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/background', '**/content/**', '**/content', '**/import/**', '**/import'], message: 'The popup imports only src/popup and src/shared (the worker through messages).' }] }],
    },
  },
  {
    files: ['src/import/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/background', '**/content/**', '**/content', '**/popup/**', '**/popup'], message: 'The import page imports only src/import and src/shared (the worker through messages).' }] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/background', '**/content/**', '**/content', '**/popup/**', '**/popup'], message: 'Shared code imports only src/shared: every context that uses it would carry the rest.' }] }],
    },
  },
  {
    files: ['src/content/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/background/**', '**/background', '**/popup/**', '**/popup', '**/import/**', '**/import'], message: 'The content script imports only src/content and src/shared: every byte of it is paid on every page.' }] },
      ],
    },
  },
  {
    files: ['src/background/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/popup/**', '**/popup', '**/content/**', '**/content'], message: 'The worker does not import page code.' }] }],
    },
  },
  {
    files: ['test/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // Tests build fixture DOM from their own static markup.
      'no-restricted-syntax': 'off',
      // jsdom tests run their fixtures' inline scripts.
      'no-new-func': 'off',
    },
  },
);
