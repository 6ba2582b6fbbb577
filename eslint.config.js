import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

export default tseslint.config(
  {
    ignores: ['out/**', 'out-*/**', '.tmp/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**']
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } }
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      // Text from the store is never interpreted as HTML in the window (parties' names, summaries …).
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Prettier owns the layout of templates.
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    // shared/ runs in every process: no Node, Electron, Vue or renderer imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'shared/ runs in the renderer too: no Node modules.' },
            {
              regex: '^(fs|path|os|crypto|child_process|http|https|url|util|stream|events|buffer)$',
              message: 'shared/ runs in the renderer too: no Node modules.'
            },
            { regex: '^electron', message: 'shared/ may not import Electron.' },
            { regex: '^(vue|pinia|vue-router|element-plus)', message: 'shared/ may not import Vue or the UI.' },
            { regex: '^(sqlite3|kysely)$', message: 'shared/ holds pure rules; the store lives in electron/main/db.' },
            { regex: '\\.\\./(electron|renderer)/', message: 'shared/ may not import process-specific code.' }
          ]
        }
      ]
    }
  },
  {
    // Only the Electron shell files may load Electron: `require('electron')` throws under plain Node.
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/platform/electron-*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only index.ts, window.ts and platform adapters load Electron.',
              allowTypeImports: true
            }
          ]
        }
      ]
    }
  }
)
