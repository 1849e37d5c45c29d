import { describe, expect, it } from 'vitest'
import { deepEqual } from '../../../src-main/sim/store/equality'

describe('deepEqual', () => {
  it.each([
    ['key order ignored', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['undefined keys ignored', { a: 1, b: undefined }, { a: 1 }, true],
    ['undefined keys ignored on the other side', { a: 1 }, { a: 1, c: undefined }, true],
    ['a key only on one side', { a: 1 }, { a: 1, c: 0 }, false],
    ['null is a value', { a: 1, c: null }, { a: 1 }, false],
    ['a nested value differs', { a: { b: [1, 2] } }, { a: { b: [1, 3] } }, false],
    ['nested equal', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }, true],
    ['arrays of different length', [1, 2], [1, 2, 3], false],
    ['an array is not an object', { 0: 1 }, [1], false],
    ['null is not an object', { a: null }, { a: {} }, false],
    ['a number is not a string', { a: 1 }, { a: '1' }, false],
    ['empty objects', {}, {}, true],
    ['as many keys, other ones', { a: 1, b: undefined }, { b: 1 }, false],
  ])('%s', (_, a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected)
    expect(deepEqual(b, a)).toBe(expected)
  })
})
