import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim } from '../../helpers/sim'

describe('admission of pods that controllers create', () => {
  it('gives a Deployment’s pods the 300 s not-ready and unreachable tolerations, as DefaultTolerationSeconds does', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    const pods: Pod[] = activePods(sim, 'web')
    expect(pods).toHaveLength(2)
    for (const pod of pods)
      expect(pod.spec.tolerations).toEqual([
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ])
  })

  it('keeps a toleration the template already has for a not-ready node', () => {
    const sim = newSim()
    const d = deployment('web', { replicas: 1 })
    d.spec.template.spec.tolerations = [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 30,
      },
    ]
    apply(sim, d)
    expect(
      activePods(sim, 'web')[0]!.spec.tolerations?.map((t) => `${t.key}=${t.tolerationSeconds}`),
    ).toEqual(['node.kubernetes.io/not-ready=30', 'node.kubernetes.io/unreachable=300'])
  })
})
