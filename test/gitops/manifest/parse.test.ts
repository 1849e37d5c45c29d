import { describe, expect, it } from 'vitest'
import { parseManifestFile } from '../../../src-main/gitops/manifest/parse'
import { fixtureText } from '../../helpers/fixtures'

const parse = (file: string) => parseManifestFile(file, fixtureText('manifests', file))

describe('parseManifestFile', () => {
  it('reads every document, keeps the line each starts on, and skips empty ones', () => {
    const result = parse('multi-document.yaml')
    expect(result.problems).toEqual([])
    expect(result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.origin])).toEqual([
      ['ConfigMap', 'settings', { file: 'multi-document.yaml', line: 2, document: 0 }],
      ['Service', 'web', { file: 'multi-document.yaml', line: 10, document: 2 }],
    ])
  })

  it.each<[string, { line?: number; column?: number; message: RegExp }]>([
    [
      'bad-indentation.yaml',
      { line: 6, message: /\(check the indentation of this line and the next\)$/ },
    ],
    ['missing-kind.yaml', { line: 1, message: /^error validating data: \[kind not set\]$/ }],
    ['not-an-object.yaml', { line: 1, message: /expected a Kubernetes object .*found a list/ }],
    [
      'no-name.yaml',
      { line: 1, message: /^ConfigMap has no metadata\.name: add a name under metadata$/ },
    ],
    [
      'duplicate-key.yaml',
      {
        line: 5,
        column: 3,
        message: /^Map keys must be unique \(a key appears twice in the same mapping; keep one\)$/,
      },
    ],
  ])('reports %s with its line', (file, expected) => {
    const result = parse(file)
    expect(result.problems.length).toBeGreaterThanOrEqual(1)
    const problem = result.problems[0]!
    expect(problem.file).toBe(file)
    if (expected.line !== undefined) expect(problem.line).toBe(expected.line)
    if (expected.column !== undefined) expect(problem.column).toBe(expected.column)
    expect(problem.message).toMatch(expected.message)
  })

  it('keeps the good documents of a file that also has a bad one', () => {
    const result = parse('missing-kind.yaml')
    expect(result.objects.map((o) => o.object.metadata.name)).toEqual(['fine'])
  })

  it('ignores YAML that is not a Kubernetes manifest, with a note', () => {
    const result = parse('not-a-manifest.yaml')
    expect(result.objects).toEqual([])
    expect(result.problems).toEqual([])
    expect(result.skipped).toEqual([
      { line: 1, reason: 'not a Kubernetes manifest (no apiVersion or kind)' },
    ])
  })
})

describe('parseManifestFile on lists and JSON', () => {
  const summary = (result: ReturnType<typeof parse>) =>
    result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.origin.line])

  it('expands a List into its items, each with the line it starts on', () => {
    const result = parse('list.yaml')
    expect(summary(result)).toEqual([
      ['ConfigMap', 'settings', 5],
      ['Service', 'web', 11],
    ])
    expect(result.objects.every((o) => o.origin.document === 0)).toBe(true)
    expect(result.problems).toEqual([
      { file: 'list.yaml', line: 18, message: 'error validating data: [apiVersion not set]' },
    ])
  })

  it('reads a JSON file holding one object, or a List', () => {
    expect(summary(parse('deployment.json'))).toEqual([['Deployment', 'web', 2]])
    expect(summary(parse('list.json'))).toEqual([
      ['ConfigMap', 'settings', 5],
      ['Service', 'web', 10],
    ])
  })

  it('reports invalid JSON with its line and column', () => {
    const result = parse('invalid.json')
    expect(result.objects).toEqual([])
    expect(result.problems).toEqual([
      {
        file: 'invalid.json',
        line: 5,
        column: 1,
        message: 'invalid JSON: Expected double-quoted property name',
      },
    ])
  })

  it('skips JSON that is not a manifest, with a note', () => {
    const result = parse('settings.json')
    expect(result.problems).toEqual([])
    expect(result.skipped).toEqual([
      { line: 1, reason: 'not a Kubernetes manifest (no apiVersion or kind)' },
    ])
  })
})
