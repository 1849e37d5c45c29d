import { describe, expect, it } from 'vitest'
import { parseDurationMs } from '../../../src-main/shared/duration'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import { failed, type Answer } from '../../../src-main/sim/traffic/answer'
import { parseTrafficSpec } from '../../../src-main/sim/traffic/traffic-spec'
import { SERIES_SECONDS, TrafficStats } from '../../../src-main/sim/traffic/traffic-stats'
import { fixture } from '../../helpers/fixtures'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'

const ok: Answer = { ok: true, latencyMs: 3 }

/** Records `n` of an answer in a second. */
type Recorded = [second: number, answer: Answer, n: number]

describe('a client’s requests per second', () => {
  const cases: {
    name: string
    recorded: Recorded[]
    from: number
    to: number
    want: [second: number, succeeded: number, failures: Record<string, number>][]
  }[] = [
    {
      name: 'counts successes and each failure by cause in its own second',
      recorded: [
        [0, ok, 3],
        [1, ok, 1],
        [1, failed('timeout'), 2],
        [1, failed('connectionRefused'), 1],
        [3, failed('noEndpoints'), 4],
      ],
      from: 0,
      to: 4,
      want: [
        [0, 3, {}],
        [1, 1, { timeout: 2, connectionRefused: 1 }],
        [2, 0, {}],
        [3, 0, { noEndpoints: 4 }],
      ],
    },
    {
      name: 'seconds before the first request are quiet',
      recorded: [[5, ok, 2]],
      from: 3,
      to: 6,
      want: [
        [3, 0, {}],
        [4, 0, {}],
        [5, 2, {}],
      ],
    },
    {
      name: 'keeps only the last two minutes: an older second reads as quiet',
      recorded: [
        [0, ok, 7],
        [SERIES_SECONDS, failed('http5xx'), 1],
        [SERIES_SECONDS + 1, ok, 2],
      ],
      from: 0,
      to: 2,
      want: [
        [0, 0, {}],
        [1, 0, {}],
      ],
    },
  ]

  it.each(cases)('$name', ({ recorded, from, to, want }) => {
    const stats = new TrafficStats()
    for (const [second, answer, n] of recorded)
      for (let i = 0; i < n; i++) stats.record(answer, second)
    const zero = {
      unresolved: 0,
      noEndpoints: 0,
      connectionRefused: 0,
      timeout: 0,
      http5xx: 0,
      http4xx: 0,
    }
    expect(stats.series(from, to)).toEqual(
      want.map(([second, succeeded, failures]) => ({
        second,
        succeeded,
        failedBy: { ...zero, ...failures },
      })),
    )
  })

  it('leaves the totals as they were', () => {
    const stats = new TrafficStats()
    stats.record(ok, 0)
    stats.record(failed('timeout'), SERIES_SECONDS * 3)
    expect([stats.sent, stats.succeeded, stats.failed, stats.failedBy.timeout]).toEqual([
      2, 1, 1, 1,
    ])
    expect(stats.lossWindows()).toEqual([
      { fromSeconds: SERIES_SECONDS * 3, toSeconds: SERIES_SECONDS * 3 + 1, failed: 1 },
    ])
  })
})

describe('a live client in a running cluster', () => {
  function loaded() {
    const sim = newSim()
    const d = deployment('web', { replicas: 3 })
    d.spec.template.spec.containers[0]!.ports = [{ name: 'http', containerPort: 80 }]
    apply(sim, d)
    apply(sim, fixture<KubeObject>('services', 'service-web.yaml'))
    expect(sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 120_000)).toBe(true)
    sim.traffic.send(parseTrafficSpec('web=10', parseDurationMs), 'default', sim.nowMs())
    return sim
  }

  it('charts each second it has sent, on the cluster’s clock', () => {
    const sim = loaded()
    const origin = sim.nowMs()
    sim.runFor(5_000)
    const seconds = sim.traffic.recentSeconds(0, sim.nowMs(), 4)
    expect(seconds.map((s) => s.atMs)).toEqual([1, 2, 3, 4].map((i) => origin + i * 1000))
    expect(seconds.map((s) => s.succeeded)).toEqual([10, 10, 10, 10])
  })

  it('shows a crash as failed seconds, and a stopped client sends no more', () => {
    const sim = loaded()
    sim.runFor(10_000)
    applyFault(sim, parseFault('hypervisor/hv-b:crash'))
    sim.runFor(30_000)
    const seconds = sim.traffic.recentSeconds(0, sim.nowMs(), 30)
    const failedIn = (s: (typeof seconds)[number]) =>
      Object.values(s.failedBy).reduce((a, b) => a + b, 0)
    expect(seconds.some((s) => s.failedBy.timeout > 0)).toBe(true)
    expect(seconds.every((s) => s.succeeded + failedIn(s) === 10)).toBe(true)

    expect(sim.traffic.stop(0)).toBe(true)
    expect(sim.traffic.stop(0)).toBe(false)
    const sent = sim.traffic.views()[0]!.sent
    sim.runFor(10_000)
    expect(sim.traffic.views()[0]!.sent).toBe(sent)
    expect(sim.traffic.stopped(0)).toBe(true)
    expect(sim.traffic.recentSeconds(0, sim.nowMs(), 5).every((s) => s.succeeded === 0)).toBe(true)
  })
})
