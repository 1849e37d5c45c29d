import { describe, expect, it } from 'vitest'
import type { LabelSelector } from '../../../src-main/sim/api/meta'
import { selectorFrom } from '../../../src-main/sim/store/labels'

const labels = { app: 'web', tier: 'front', env: 'prod' }

describe('label selectors', () => {
  it.each<[string, LabelSelector, boolean]>([
    ['empty selects everything', {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels different', { matchLabels: { app: 'api' } }, false],
    [
      'In',
      { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }] },
      true,
    ],
    [
      'In without the key',
      { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      false,
    ],
    ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, true],
    [
      'NotIn without the key',
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    [
      'labels and expressions together',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }],
      },
      false,
    ],
  ])('%s', (_name, selector, expected) => {
    expect(selectorFrom(selector).matches(labels)).toBe(expected)
  })
})
