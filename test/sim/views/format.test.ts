import { describe, expect, it } from 'vitest'
import { splitCamelCase, smartLabel } from '../../../src-main/sim/views/describe/generic'
import { formatLabels, rfc1123z, selectorString } from '../../../src-main/sim/views/format'
import { findResults, parseJsonPath } from '../../../src-main/sim/views/jsonpath'
import { canonicalQuantity } from '../../../src-main/sim/views/quantity'

describe('Quantity.String(): the canonical form the API server hands back', () => {
  it.each([
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2', '2'],
    ['2000', '2k'],
    ['128Mi', '128Mi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['512', '512'],
    ['100M', '100M'],
    ['1e3', '1k'],
    ['0', '0'],
    ['209593685333m', '209593685333m'],
  ])('%s → %s', (input, output) => expect(canonicalQuantity(input)).toBe(output))
})

describe('time.RFC1123Z in UTC', () => {
  it.each([
    ['2026-01-01T00:00:00Z', 'Thu, 01 Jan 2026 00:00:00 +0000'],
    ['2024-07-16T04:31:16Z', 'Tue, 16 Jul 2024 04:31:16 +0000'],
    ['2025-01-21T12:26:50+06:00', 'Tue, 21 Jan 2025 06:26:50 +0000'],
    [undefined, 'Mon, 01 Jan 0001 00:00:00 +0000'],
  ])('%s → %s', (input, output) => expect(rfc1123z(input)).toBe(output))
})

describe('labels and selectors', () => {
  it('formats labels sorted by key, <none> when empty', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2')
    expect(formatLabels({})).toBe('<none>')
  })

  it('formats selector requirements sorted by key', () => {
    expect(
      selectorString({
        matchLabels: { tier: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'zone', operator: 'DoesNotExist' },
          { key: 'canary', operator: 'Exists' },
          { key: 'team', operator: 'NotIn', values: ['a'] },
        ],
      }),
    ).toBe('canary,env in (dev,prod),team notin (a),tier=web,!zone')
    expect(selectorString({})).toBe('')
  })
})

describe('smartLabelFor: the generic describer’s field titles', () => {
  it.each([
    ['apiVersion', 'API Version'],
    ['creationTimestamp', 'Creation Timestamp'],
    ['uid', 'UID'],
    ['podIP', 'Pod IP'],
    ['PDFLoader', 'PDF Loader'],
    ['x-y', 'X - Y'],
    ['$patch', '$patch'],
    ['v1beta1', 'v1beta1'],
  ])('%s → %s', (field, label) => expect(smartLabel(field)).toBe(label))

  it('splits on case changes as camelcase.Split does', () => {
    expect(splitCamelCase('BigHTTPServer')).toEqual(['Big', 'HTTP', 'Server'])
  })
})

describe('the JSONPath of printer columns', () => {
  const obj = {
    spec: { replicas: 3, labels: { 'app.kubernetes.io/name': 'web' } },
    status: {
      conditions: [
        { type: 'Synced', status: 'False' },
        { type: 'Ready', status: 'True' },
      ],
    },
    items: [{ name: 'a' }, { name: 'b' }],
  }
  it.each([
    ['.spec.replicas', [3]],
    [".spec.labels['app.kubernetes.io/name']", ['web']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['.items[*].name', ['a', 'b']],
    ['.items[-1].name', ['b']],
    ['.spec.missing', []],
  ])('%s', (path, values) => {
    expect(findResults(obj, parseJsonPath(path)!)).toEqual(values)
  })
})
