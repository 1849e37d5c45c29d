import { expect, it } from 'vitest'
import type { KubeEvent } from '../../../../src-main/sim/api/core'
import { newSim } from '../../../helpers/sim'
import { agent } from '../daemonset/helpers'
import { editSet, web } from './helpers'

/** Every event of a run that rolls a StatefulSet and a DaemonSet, as `kubectl get events` would list them. */
function eventLog(seed: number): string[] {
  const sim = newSim(seed)
  sim.store.create(web())
  sim.store.create(agent())
  sim.runFor(60_000)
  editSet(sim, (spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))
  sim.runFor(5 * 60_000)
  return sim.store
    .list<KubeEvent>('Event')
    .map((e) => `${e.lastTimestamp} ${e.involvedObject.name} ${e.reason} ${e.message} x${e.count}`)
}

it('replays byte for byte under the same seed', () => {
  const first = eventLog(7)
  expect(first.length).toBeGreaterThan(20)
  expect(eventLog(7)).toEqual(first)
  expect(eventLog(8)).not.toEqual(first)
})
