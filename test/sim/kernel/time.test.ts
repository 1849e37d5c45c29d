import { describe, expect, it } from 'vitest'
import { fromRfc3339, hexNanos, toRfc3339 } from '../../../src-main/sim/kernel/time'
import { parseDurationMs } from '../../../src-main/shared/duration'

describe('RFC 3339 timestamps', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [951_782_400_000, '2000-02-29T00:00:00Z'],
    [1_767_225_600_000, '2026-01-01T00:00:00Z'],
    [1_767_225_600_000 + 86_399_999, '2026-01-01T23:59:59Z'],
    [4_102_444_800_000, '2100-01-01T00:00:00Z'],
  ])('%i ms is %s, and back', (ms, text) => {
    expect(toRfc3339(ms)).toBe(text)
    expect(fromRfc3339(text)).toBe(Math.floor(ms / 1000) * 1000)
  })

  it('agrees with the platform on a run of instants', () => {
    for (let ms = 0; ms < 4e12; ms += 123_456_789_123) {
      expect(toRfc3339(ms)).toBe(
        new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      )
    }
  })

  it('reads offsets and fractions, and rejects garbage', () => {
    expect(fromRfc3339('2026-01-01T02:00:00+02:00')).toBe(fromRfc3339('2026-01-01T00:00:00Z'))
    expect(fromRfc3339('2026-01-01T00:00:00.5Z')).toBe(fromRfc3339('2026-01-01T00:00:00Z') + 500)
    expect(fromRfc3339('yesterday')).toBeNaN()
  })
})

describe('parseDurationMs', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5s', 1500],
  ])('%s is %i ms', (text, ms) => expect(parseDurationMs(text)).toBe(ms))

  it.each(['', '10', 'ten minutes', '5x', '1h 2m'])(
    'refuses %j with an example of the right form',
    (text) => {
      expect(() => parseDurationMs(text)).toThrow(/use a number with a unit, e.g. 90s/)
    },
  )
})

describe('hexNanos', () => {
  it.each([
    [0, 0],
    [0, 1],
    [1, 0],
    [2 ** 20 - 1, 999_999],
    [2 ** 20, 0],
    [1_767_225_600_000, 0],
    [1_767_225_600_000, 1],
    [1_767_225_600_123, 2_500_000],
    [4_102_444_800_000, 999_999],
    [8_640_000_000_000_000, 123],
    // Past the millisecond it is counted from: an event made a millisecond later than its name says.
    [1_767_225_600_001, -999_995],
  ])('writes %i ms and %i ns as BigInt arithmetic would', (ms, extra) => {
    expect(hexNanos(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16))
  })
})
