import { describe, expect, it } from 'vitest'
import { humanDuration } from '../../../src-main/sim/views/age'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('AGE as kubectl prints it (HumanDuration)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [-1.9 * s, '0s'],
    [-2 * s, '<invalid>'],
    [0, '0s'],
    [90 * s, '90s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 30 * s, '2m30s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d, '8y'],
  ])('%i ms is %s', (ms, text) => expect(humanDuration(ms)).toBe(text))
})
