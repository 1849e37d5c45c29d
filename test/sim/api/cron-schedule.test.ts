import { describe, expect, it } from 'vitest'
import { parseCronSchedule } from '../../../src-main/sim/api/cron-schedule'
import { fromRfc3339, toRfc3339 } from '../../../src-main/sim/kernel/time'

function next(spec: string, from: string, timeZone?: string): string | undefined {
  const schedule = parseCronSchedule(spec, timeZone)
  if ('error' in schedule) throw new Error(schedule.error)
  const at = schedule.next(fromRfc3339(from))
  return at === undefined ? undefined : toRfc3339(at)
}

describe('cron schedules, read as Kubernetes reads them', () => {
  it.each([
    ['*/15 * * * *', '2026-01-01T00:07:00Z', '2026-01-01T00:15:00Z'],
    // Strictly after: a time that is itself scheduled gives the next one.
    ['*/15 * * * *', '2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z'],
    ['*/15 * * * *', '2026-01-01T00:14:59.900Z', '2026-01-01T00:15:00Z'],
    ['@hourly', '2026-01-01T00:00:01Z', '2026-01-01T01:00:00Z'],
    ['@daily', '2026-01-01T12:00:00Z', '2026-01-02T00:00:00Z'],
    ['@weekly', '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z'],
    ['@monthly', '2026-01-15T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['@yearly', '2026-01-15T00:00:00Z', '2027-01-01T00:00:00Z'],
    // 2026-01-01 is a Thursday; the next weekday morning after Friday is Monday.
    ['0 9 * * mon-fri', '2026-01-02T10:00:00Z', '2026-01-05T09:00:00Z'],
    ['30 6-16/4 * * *', '2026-01-01T11:00:00Z', '2026-01-01T14:30:00Z'],
    ['0 0 1 jan,JUL ?', '2026-01-02T00:00:00Z', '2026-07-01T00:00:00Z'],
    // Both day fields restricted: either may match.
    ['0 0 13 * 5', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'],
    ['@every 90m', '2026-01-01T00:00:30.500Z', '2026-01-01T01:30:30Z'],
    ['@every 1500ms', '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z'],
    // February has no 30th: robfig accepts it and it never fires.
    ['0 0 30 2 *', '2026-01-01T00:00:00Z', undefined],
  ])('%s after %s is %s', (spec, from, expected) => {
    expect(next(spec, from)).toBe(expected)
  })

  it('reads the fields in the given time zone', () => {
    // 00:00 UTC is 09:00 in Tokyo: that one is not after itself, so the next day's.
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z', 'Asia/Tokyo')).toBe('2026-01-02T00:00:00Z')
    expect(next('0 9 * * *', '2026-01-01T00:00:00Z', 'America/New_York')).toBe(
      '2026-01-01T14:00:00Z',
    )
    expect(next('TZ=Europe/Paris 0 9 * * *', '2026-07-01T00:00:00Z')).toBe('2026-07-01T07:00:00Z')
  })

  it.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['@every', 'unrecognized descriptor: @every'],
    [
      'TZ=Nowhere/Land * * * * *',
      'provided bad location Nowhere/Land: unknown time zone Nowhere/Land',
    ],
  ])('refuses %j: %s', (spec, error) => {
    expect(parseCronSchedule(spec)).toEqual({ error })
  })
})
