import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../../src-main/sim/api/core'
import { podCreationBackoffMs } from '../../../../src-main/sim/controllers/job/backoff'
import { fromRfc3339 } from '../../../../src-main/sim/kernel/time'

/** A finished pod of a Job whose only container ended at `finishedAt`. */
function finished(phase: 'Succeeded' | 'Failed', finishedAt: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${finishedAt}`, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'c',
          image: 'busybox:1.36',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt } },
        },
      ],
    },
  }
}

const at = (hms: string): string => `2026-01-01T${hms}Z`

describe('the pod failure back-off of a Job', () => {
  it.each([
    [1, 10],
    [2, 20],
    [3, 40],
    [4, 80],
    [5, 160],
    [6, 320],
    [7, 600],
    [8, 600],
  ])('after %i failures in a row waits %i s from the last one', (failures, seconds) => {
    const pods = Array.from({ length: failures }, (_, i) =>
      finished('Failed', at(`00:00:${String(i).padStart(2, '0')}`)),
    )
    const last = fromRfc3339(at(`00:00:${String(failures - 1).padStart(2, '0')}`))
    expect(podCreationBackoffMs(pods, last)).toBe(seconds * 1000)
    expect(podCreationBackoffMs(pods, last + 4000)).toBe(seconds * 1000 - 4000)
    expect(podCreationBackoffMs(pods, last + seconds * 1000)).toBe(0)
  })

  it('forgets the failures before the last success', () => {
    const pods = [
      finished('Failed', at('00:00:01')),
      finished('Failed', at('00:00:02')),
      finished('Succeeded', at('00:00:03')),
      finished('Failed', at('00:00:04')),
    ]
    expect(podCreationBackoffMs(pods, fromRfc3339(at('00:00:04')))).toBe(10_000)
  })

  it('does not wait with no failure since the last success', () => {
    const pods = [finished('Failed', at('00:00:01')), finished('Succeeded', at('00:00:02'))]
    expect(podCreationBackoffMs(pods, fromRfc3339(at('00:00:02')))).toBe(0)
  })
})
