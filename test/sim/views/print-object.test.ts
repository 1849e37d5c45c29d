import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { kubectlGet } from '../../../src-main/sim/views/kubectl/get'
import { printObjects } from '../../../src-main/sim/views/kubectl/print-object'
import { MemoryCluster, at } from './memory-store'

const config: KubeObject = {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  data: {
    enabled: 'yes',
    port: '8080',
    page: '<h1>Tom & Jerry</h1>',
    script: 'echo one\necho two\n',
    empty: '',
  },
} as KubeObject

describe('kubectl get -o yaml and -o json', () => {
  it('prints one object as kubectl does: keys sorted, YAML 1.1 words and numbers quoted, sequences unindented', () => {
    const withList = { ...config, spec: { items: [{ b: 1, a: 'on' }] } } as KubeObject
    expect(printObjects([withList], true, 'yaml')).toBe(`apiVersion: v1
data:
  empty: ""
  enabled: "yes"
  page: <h1>Tom & Jerry</h1>
  port: "8080"
  script: |
    echo one
    echo two
kind: ConfigMap
metadata:
  creationTimestamp: "2026-01-01T00:00:00Z"
  name: web
  namespace: default
spec:
  items:
  - a: "on"
    b: 1
`)
  })

  it('indents JSON by four spaces and escapes <, > and & as Go does', () => {
    const json = printObjects([config], true, 'json')
    expect(json).toContain('\n    "data": {\n        "empty": "",\n        "enabled": "yes",')
    expect(json).toContain('"page": "\\u003ch1\\u003eTom \\u0026 Jerry\\u003c/h1\\u003e"')
    expect(JSON.parse(json)).toEqual(config)
    expect(json.endsWith('}\n')).toBe(true)
  })

  it('wraps what was not asked for by one name in a List', () => {
    expect(printObjects([], false, 'yaml')).toBe(
      'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    )
    const list = JSON.parse(printObjects([config, config], false, 'json'))
    expect(list).toMatchObject({
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
    })
    expect(list.items).toHaveLength(2)
  })

  const cluster = new MemoryCluster([config])
  const NOW = at('2026-01-01T01:00:00Z')
  it.each([
    [['configmap', 'web'], 'ConfigMap'],
    [['configmaps'], 'List'],
    [['cm/web', 'cm/web'], 'List'],
  ])('kubectl get %j -o json prints a %s', (args, kind) => {
    const out = kubectlGet(cluster, NOW, { args, format: 'json' })
    expect(out.exitCode).toBe(0)
    expect(JSON.parse(out.stdout).kind).toBe(kind)
  })

  it('prints what it found, and the names it did not find on stderr', () => {
    const out = kubectlGet(cluster, NOW, { args: ['cm', 'web', 'nope'], format: 'yaml' })
    expect(out.exitCode).toBe(1)
    expect(out.stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n/)
    expect(out.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n')
    expect(kubectlGet(cluster, NOW, { args: ['cm', 'nope'], format: 'yaml' }).stdout).toBe('')
  })
})
