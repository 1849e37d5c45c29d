import { describe, expect, it } from 'vitest'
import { changedPaths } from '../../../src-main/gitops/diff/changed-paths'
import { parsePointer, withoutIgnored } from '../../../src-main/gitops/diff/ignore-differences'
import { normaliseForDiff } from '../../../src-main/gitops/diff/normalise'
import { unifiedDiff } from '../../../src-main/gitops/diff/unified'
import type { Manifest } from '../../../src-main/gitops/manifest/types'

const deployment = (replicas: number, image = 'nginx:1.27'): Manifest => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, template: { spec: { containers: [{ name: 'app', image }] } } },
})

describe('changed paths', () => {
  it.each<[string, unknown, unknown, string[]]>([
    ['nothing', deployment(2), deployment(2), []],
    ['a number', deployment(2), deployment(3), ['spec.replicas']],
    [
      'a list item',
      deployment(2),
      deployment(2, 'nginx:1.28'),
      ['spec.template.spec.containers[0].image'],
    ],
    ['a field only one side has', { a: 1 }, { a: 1, b: { c: 2 } }, ['b']],
    ['an item added', { l: [1] }, { l: [1, 2] }, ['l[1]']],
    ['a type change', { a: { b: 1 } }, { a: [1] }, ['a']],
  ])('%s', (_, before, after, expected) => {
    expect(changedPaths(before, after)).toEqual(expected)
  })
})

describe('normalising for a diff', () => {
  it('drops status, server metadata and bookkeeping annotations, keeps what Git declares', () => {
    const live: Manifest = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'conf',
        namespace: 'default',
        uid: 'u',
        resourceVersion: '7',
        generation: 2,
        creationTimestamp: '2026-01-01T00:00:00Z',
        labels: { app: 'web' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{}',
          'argocd.argoproj.io/tracking-id': 'app:/ConfigMap:default/conf',
          note: 'kept',
        },
      },
      data: { a: '1' },
      status: { x: 1 },
    }
    expect(normaliseForDiff(live)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'conf',
        namespace: 'default',
        labels: { app: 'web' },
        annotations: { note: 'kept' },
      },
      data: { a: '1' },
    })
  })
})

describe('ignoreDifferences', () => {
  it.each<[string, string[] | undefined]>([
    ['/spec/replicas', ['spec', 'replicas']],
    ['/metadata/annotations/a~1b~0c', ['metadata', 'annotations', 'a/b~c']],
    ['', []],
    ['spec/replicas', undefined],
  ])('reads the JSON pointer %j', (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens)
  })

  it('leaves out the fields of the objects a rule names, and only those', () => {
    const rules = [
      {
        group: 'apps',
        kind: 'Deployment',
        jsonPointers: ['/spec/replicas', '/spec/template/spec/containers/0/image'],
      },
    ]
    const out = withoutIgnored(deployment(5, 'nginx:1.28'), rules)
    expect(out.spec).toEqual({ template: { spec: { containers: [{ name: 'app' }] } } })
    expect(withoutIgnored(deployment(5), [{ ...rules[0]!, name: 'api' }])).toEqual(deployment(5))
    expect(withoutIgnored(deployment(5), [{ ...rules[0]!, group: '' }])).toEqual(deployment(5))
    // The object given is left as it was.
    const d = deployment(5)
    withoutIgnored(d, rules)
    expect(d).toEqual(deployment(5))
  })
})

describe('a unified diff', () => {
  it('shows what changes as kubectl diff does, keys sorted', () => {
    expect(unifiedDiff('apps/v1 Deployment default/web', deployment(2), deployment(3))).toBe(
      [
        '--- apps/v1 Deployment default/web\tlive',
        '+++ apps/v1 Deployment default/web\tdesired',
        '@@ -4,7 +4,7 @@',
        '   name: web',
        '   namespace: default',
        ' spec:',
        '-  replicas: 2',
        '+  replicas: 3',
        '   template:',
        '     spec:',
        '       containers:',
        '',
      ].join('\n'),
    )
    expect(unifiedDiff('x', deployment(2), deployment(2))).toBe('')
  })

  it('shows a whole object added or removed', () => {
    expect(unifiedDiff('x', undefined, { a: 1 })).toContain('+a: 1')
    expect(unifiedDiff('x', { a: 1 }, undefined)).toContain('-a: 1')
  })
})
