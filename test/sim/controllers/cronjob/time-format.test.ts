import { describe, expect, it } from 'vitest'
import {
  formatRfc1123Z,
  formatRfc3339In,
} from '../../../../src-main/sim/controllers/cronjob/time-format'
import { fromRfc3339 } from '../../../../src-main/sim/kernel/time'

describe('the times a CronJob writes', () => {
  it.each([
    ['2026-01-01T00:15:00Z', 'Thu, 01 Jan 2026 00:15:00 +0000'],
    ['2026-03-09T23:59:59Z', 'Mon, 09 Mar 2026 23:59:59 +0000'],
    ['1969-12-31T12:00:00Z', 'Wed, 31 Dec 1969 12:00:00 +0000'],
  ])('formats %s as RFC1123Z: %s', (time, text) => {
    expect(formatRfc1123Z(fromRfc3339(time))).toBe(text)
  })

  it.each([
    ['2026-01-01T15:00:00Z', undefined, '2026-01-01T15:00:00Z'],
    ['2026-01-01T15:00:00Z', 'UTC', '2026-01-01T15:00:00Z'],
    ['2026-01-01T15:00:00Z', 'Asia/Tokyo', '2026-01-02T00:00:00+09:00'],
    ['2026-07-01T12:30:00Z', 'America/New_York', '2026-07-01T08:30:00-04:00'],
    ['2026-01-01T12:00:00Z', 'Asia/Kolkata', '2026-01-01T17:30:00+05:30'],
    ['2026-01-01T12:00:00Z', 'Europe/London', '2026-01-01T12:00:00Z'],
  ])('formats %s in %s as RFC 3339: %s', (time, zone, text) => {
    expect(formatRfc3339In(fromRfc3339(time), zone)).toBe(text)
  })
})
