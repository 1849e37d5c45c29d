import { describe, expect, it } from 'vitest'
import { computeHash, resolveFenceposts } from '../../../src-main/sim/controllers/deployment/util'
import { deployment } from '../../helpers/manifests'

describe('resolveFenceposts (surge rounds up, unavailable rounds down)', () => {
  it.each<[string | number, string | number, number, number, number]>([
    ['25%', '25%', 3, 1, 0],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 5, 2, 1],
    [0, 0, 4, 0, 1],
    ['0%', '0%', 4, 0, 1],
    [1, 0, 3, 1, 0],
    ['100%', '100%', 4, 4, 4],
    [2, '50%', 3, 2, 1],
  ])(
    'maxSurge %s, maxUnavailable %s, %i replicas → surge %i, unavailable %i',
    (surge, unavailable, replicas, s, u) => {
      expect(resolveFenceposts(surge, unavailable, replicas)).toEqual({ surge: s, unavailable: u })
    },
  )
})

describe('computeHash', () => {
  it('is stable, differs by template, and uses only the safe alphabet', () => {
    const a = computeHash(deployment('web', { image: 'nginx:1.27' }).spec.template)
    const b = computeHash(deployment('web', { image: 'nginx:1.28' }).spec.template)
    expect(computeHash(deployment('web', { image: 'nginx:1.27' }).spec.template)).toBe(a)
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[456789bcdf]{1,10}$/)
  })
})
