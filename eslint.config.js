import path from 'node:path'
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Which layers of src-main each layer may import (DESIGN.md, "The house"): imports
 * run downhill only, `shared` is importable by all, the renderer imports only
 * `shared`. The pure layers may not touch Node, Electron or the wall clock.
 */
const allowedImports = {
  shared: [],
  sim: ['shared'],
  gitops: ['shared'],
  git: ['gitops', 'shared'],
  'kube-api': ['sim', 'shared'],
  host: ['gitops', 'git', 'kube-api', 'sim', 'shared'],
  web: ['host', 'shared'],
  electron: ['host', 'shared'],
  preload: ['shared'],
  cli: ['host', 'web', 'shared'],
}
const pureLayers = new Set(['shared', 'sim', 'gitops'])
const electronLayers = new Set(['electron', 'preload'])

const root = path.dirname(new URL(import.meta.url).pathname)

function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep)
  if (rel[0] === 'src-renderer') return 'renderer'
  if (rel[0] === 'src-main' && rel.length > 2) return rel[1]
  return undefined
}

const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers drawn in DESIGN.md' },
    schema: [],
  },
  create(context) {
    const from = layerOf(context.filename)
    if (!from) return {}
    const check = (node, source) => {
      if (typeof source !== 'string') return
      const report = (message) => context.report({ node, message })
      if (source.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(context.filename), source))
        if (!to || to === from) return
        if (from === 'renderer') {
          if (to !== 'shared')
            report(`the renderer may import only src-main/shared, not src-main/${to}`)
          return
        }
        if (!(allowedImports[from] ?? []).includes(to))
          report(
            `src-main/${from} may not import src-main/${to} (imports run downhill: see DESIGN.md)`,
          )
        return
      }
      if (
        (source.startsWith('node:') || isBuiltin(source)) &&
        (pureLayers.has(from) || from === 'renderer')
      ) {
        report(
          `src-main/${from} is pure: no Node modules ("${source}"); do I/O in git, host or the edges`,
        )
      }
      if (source === 'electron' && !electronLayers.has(from))
        report(`only src-main/electron and src-main/preload may import electron`)
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    }
  },
}

const builtins = new Set([
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'crypto',
  'events',
  'stream',
  'worker_threads',
  'process',
  'timers',
])
function isBuiltin(source) {
  return builtins.has(source.split('/')[0])
}

/** Time and chance come from the virtual clock and the seeded generator, never from the platform. */
const simPurity = {
  'no-restricted-globals': [
    'error',
    ...[
      'Date',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'clearTimeout',
      'clearInterval',
      'performance',
      'process',
      'queueMicrotask',
    ].map((name) => ({
      name,
      message: `the simulation is deterministic: use the virtual clock (kernel/clock.ts), not ${name}`,
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'use the seeded Prng (kernel/prng.ts)' },
  ],
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'test-results/',
      'playwright-report/',
      'repos/.build/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { drydock: { rules: { layering } } },
    rules: {
      'drydock/layering': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.svelte', 'src-renderer/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  { files: ['src-renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['src-main/sim/**/*.ts'], rules: simPurity },
)
