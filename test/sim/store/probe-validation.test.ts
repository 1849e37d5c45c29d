import { describe, expect, it } from 'vitest'
import type { Pod, Probe } from '../../../src-main/sim/api/core'
import { pod } from '../../helpers/manifests'
import { newSim } from '../../helpers/sim'

const withProbes = (probes: { readinessProbe?: Probe; livenessProbe?: Probe }): Pod => {
  const p = pod('web', { image: 'nginx:1.27' })
  Object.assign(p.spec.containers[0]!, probes)
  return p
}

const http: Probe = { httpGet: { path: '/', port: 80 } }

describe('probes as the API server checks them', () => {
  it.each([
    [
      { readinessProbe: { ...http, periodSeconds: -1 } },
      'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      { livenessProbe: { ...http, failureThreshold: -3 } },
      'spec.containers[0].livenessProbe.failureThreshold: Invalid value: -3: must be greater than or equal to 0',
    ],
    [
      { livenessProbe: { ...http, successThreshold: 2 } },
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
    [
      { readinessProbe: {} },
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ],
    [
      { readinessProbe: { ...http, tcpSocket: { port: 80 } } },
      'spec.containers[0].readinessProbe: Forbidden: may not specify more than 1 handler type',
    ],
  ])('refuses %j', (probes, message) => {
    expect(() => newSim().store.create(withProbes(probes))).toThrow(
      expect.objectContaining({ message: `Pod "web" is invalid: ${message}` }),
    )
  })

  it('defaults a 0 as an absent field, so a probe never fires in a loop', () => {
    const sim = newSim()
    const created = sim.store.create(
      withProbes({ readinessProbe: { ...http, periodSeconds: 0, timeoutSeconds: 0 } }),
    )
    expect(created.spec.containers[0]!.readinessProbe).toMatchObject({
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    })
    sim.runFor(60_000)
  })
})
