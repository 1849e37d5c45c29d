import { describe, expect, it } from 'vitest'
import type { PodDisruptionBudget } from '../../../src-main/sim/api/policy'
import { kubectlGet } from '../../../src-main/sim/views/kubectl/get'
import { deployment } from '../../helpers/manifests'
import { apply, newSim, readyCount } from '../../helpers/sim'

const budget = (name: string, spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
})

describe('kubectl get pdb', () => {
  it('shows each bound, N/A for the one not set, and the disruptions allowed', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 3 }))
    apply(sim, budget('web-min', { minAvailable: 2 }))
    apply(sim, budget('web-max', { maxUnavailable: '50%' }))
    sim.runUntilTrue(() => readyCount(sim, 'web') === 3, 120_000)
    sim.runFor(30_000)
    const out = kubectlGet(sim.store, sim.nowMs(), { args: ['pdb'] })
    expect(out.stdout).toBe(
      [
        'NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE',
        // 50% of 3 rounds up to 2 unavailable, as the disruption controller scales it.
        'web-max   N/A             50%               2                     33s',
        'web-min   2               N/A               1                     33s',
        '',
      ].join('\n'),
    )
  })
})
