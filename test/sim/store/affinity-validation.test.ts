import { describe, expect, it } from 'vitest'
import type { Affinity } from '../../../src-main/sim/api/affinity'
import type { Pod } from '../../../src-main/sim/api/core'
import { pod } from '../../helpers/manifests'
import { newSim } from '../../helpers/sim'

const withAffinity = (affinity: unknown): Pod => {
  const p = pod('web', { image: 'nginx:1.27' })
  p.spec.affinity = affinity as Affinity
  return p
}

const anti = 'spec.affinity.podAntiAffinity'
const preferred = `${anti}.preferredDuringSchedulingIgnoredDuringExecution[0]`
const emptyKey = [
  'Required value: can not be empty',
  'Invalid value: "": name part must be non-empty',
  `Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
]

describe('affinity as the API server checks it (validateAffinity)', () => {
  it.each([
    [
      'a preferred term without its pod term',
      { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100 }] } },
      `[${emptyKey.map((e) => `${preferred}.podAffinityTerm.topologyKey: ${e}`).join(', ')}]`,
    ],
    [
      'a weight out of range',
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 101, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } },
          ],
        },
      },
      `${preferred}.weight: Invalid value: 101: must be in the range 1-100`,
    ],
    [
      'a required term with a bad topology key',
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone_' }],
        },
      },
      `spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: ${emptyKey[2]!.replace('""', '"zone_"')}`,
    ],
    [
      'a node preference without a weight',
      {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ preference: {} }],
        },
      },
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ],
    [
      'a required node affinity with no term',
      {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      },
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    ],
  ])('refuses %s', (_what, affinity, message) => {
    const sim = newSim()
    expect(() => sim.store.create(withAffinity(affinity))).toThrow(
      expect.objectContaining({ message: `Pod "web" is invalid: ${message}` }),
    )
    expect(sim.store.list('Pod')).toEqual([])
  })

  it('stores a node preference left out as an empty term, which the scheduler counts for no node', () => {
    const sim = newSim()
    const created = sim.store.create(
      withAffinity({
        nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5 }] },
      }),
    )
    expect(
      created.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    ).toEqual([{ weight: 5, preference: {} }])
    sim.runFor(30_000)
    expect(sim.store.get<Pod>('Pod', 'default', 'web')?.spec.nodeName).toBeDefined()
  })
})
