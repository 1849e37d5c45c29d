import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { fromRfc3339 } from '../../../src-main/sim/kernel/time'
import { summarisePod } from '../../../src-main/sim/views/pod-status'
import { fixture } from '../../helpers/fixtures'

const now = fromRfc3339('2026-01-01T00:10:00Z')

/** What `kubectl get pods` prints for each fixture: STATUS, READY, RESTARTS. */
const cases: [string, string, string, string][] = [
  ['pod-running.yaml', 'Running', '1/1', '0'],
  ['pod-container-creating.yaml', 'ContainerCreating', '0/1', '0'],
  ['pod-image-pull-backoff.yaml', 'ImagePullBackOff', '0/1', '0'],
  ['pod-crash-loop.yaml', 'CrashLoopBackOff', '0/1', '4 (60s ago)'],
  ['pod-init-progress.yaml', 'Init:1/2', '0/1', '0'],
  ['pod-init-crash-loop.yaml', 'Init:CrashLoopBackOff', '0/1', '2'],
  ['pod-init-exit-code.yaml', 'Init:ExitCode:3', '0/1', '0'],
  ['pod-terminating.yaml', 'Terminating', '1/1', '0'],
  ['pod-node-lost.yaml', 'Unknown', '1/1', '0'],
  ['pod-completed.yaml', 'Completed', '0/1', '0'],
  ['pod-oom-killed.yaml', 'OOMKilled', '0/1', '1 (5m ago)'],
  ['pod-completed-with-running.yaml', 'NotReady', '1/2', '0'],
  ['pod-signal.yaml', 'Signal:9', '0/1', '0'],
  ['pod-evicted.yaml', 'Evicted', '0/1', '0'],
  ['pod-sidecar.yaml', 'Running', '2/2', '1'],
  ['pod-unschedulable.yaml', 'Pending', '0/1', '0'],
]

describe('the STATUS, READY and RESTARTS columns of kubectl get pods', () => {
  it.each(cases)('%s → %s %s %s', (file, status, ready, restarts) => {
    const summary = summarisePod(fixture<Pod>('pods', file), now)
    expect([summary.status, summary.ready, summary.restartsText]).toEqual([status, ready, restarts])
  })
})
