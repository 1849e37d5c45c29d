import { describe, expect, it } from 'vitest'
import type { PersistentVolumeClaim } from '../../../../src-main/sim/api/persistent-volume-claim'
import type { PersistentVolumeClaimRetentionPolicyType } from '../../../../src-main/sim/api/statefulset'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { newSim } from '../../../helpers/sim'
import { editSet, liveSet, pod, setEvents, web } from './helpers'

const claim = (sim: Simulation, name: string): PersistentVolumeClaim | undefined =>
  sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name)

/** `StatefulSet/web`, `Pod/web-2`: who owns a claim. */
const owners = (c: PersistentVolumeClaim | undefined): string[] =>
  (c?.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`)

describe('StatefulSet claims', () => {
  it('says why it cannot make a claim from a template without a name, and makes no pod', () => {
    const sim = newSim()
    sim.store.create(
      web((spec) => {
        delete (spec.volumeClaimTemplates![0] as { metadata?: unknown }).metadata
      }),
    )
    sim.runFor(60_000)
    expect(pod(sim, 'web-0')).toBeUndefined()
    expect(setEvents(sim)[0]).toMatch(
      /^Warning FailedCreate create Claim -web-0 for Pod web-0 in StatefulSet web failed error: PersistentVolumeClaim "-web-0" is invalid: metadata\.name: Invalid value: "-web-0": a lowercase RFC 1123 subdomain/,
    )
  })

  it('creates each claim, Pending, before its pod, in upstream words', () => {
    const sim = newSim()
    const order: string[] = []
    const phaseAtCreation: string[] = []
    sim.store.watch(
      ({ type, object }) => {
        if (type !== 'ADDED') return
        order.push(`${object.kind}/${object.metadata.name}`)
        if (object.kind === 'PersistentVolumeClaim')
          phaseAtCreation.push((object as PersistentVolumeClaim).status?.phase ?? '')
      },
      ['Pod', 'PersistentVolumeClaim'],
    )
    sim.store.create(web())
    sim.runFor(60_000)
    expect(order).toEqual([
      'PersistentVolumeClaim/www-web-0',
      'Pod/web-0',
      'PersistentVolumeClaim/www-web-1',
      'Pod/web-1',
      'PersistentVolumeClaim/www-web-2',
      'Pod/web-2',
    ])
    const www0 = claim(sim, 'www-web-0')!
    expect(www0.metadata.labels).toEqual({ app: 'nginx' })
    // Created through the API, the claim gets the default StorageClass from admission.
    expect(www0.spec).toMatchObject({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      volumeMode: 'Filesystem',
      storageClassName: 'standard',
    })
    expect(phaseAtCreation).toEqual(['Pending', 'Pending', 'Pending'])
    expect(pod(sim, 'web-0')!.status?.phase).toBe('Running')
    expect(setEvents(sim).slice(0, 2)).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ])
  })

  type Policy = PersistentVolumeClaimRetentionPolicyType
  it.each<{ whenDeleted: Policy; whenScaled: Policy; kept: string[]; scaled: string[] }>([
    { whenDeleted: 'Retain', whenScaled: 'Retain', kept: [], scaled: [] },
    {
      whenDeleted: 'Delete',
      whenScaled: 'Retain',
      kept: ['StatefulSet/web'],
      scaled: ['StatefulSet/web'],
    },
    { whenDeleted: 'Retain', whenScaled: 'Delete', kept: [], scaled: ['Pod/web-2'] },
    {
      whenDeleted: 'Delete',
      whenScaled: 'Delete',
      kept: ['StatefulSet/web'],
      scaled: ['Pod/web-2'],
    },
  ])(
    'whenDeleted=$whenDeleted whenScaled=$whenScaled: claims owned by $kept, a scaled-down one by $scaled',
    ({ whenDeleted, whenScaled, kept, scaled }) => {
      const sim = newSim()
      sim.store.create(
        web((spec) => (spec.persistentVolumeClaimRetentionPolicy = { whenDeleted, whenScaled })),
      )
      sim.runFor(60_000)
      expect(['www-web-0', 'www-web-1', 'www-web-2'].map((n) => owners(claim(sim, n)))).toEqual([
        kept,
        kept,
        kept,
      ])
      // Watch the claim's owners as web-2 is scaled away.
      const seen: string[][] = []
      sim.store.watch(
        ({ object }) => {
          if (object.metadata.name === 'www-web-2')
            seen.push(owners(object as PersistentVolumeClaim))
        },
        ['PersistentVolumeClaim'],
      )
      editSet(sim, (spec) => (spec.replicas = 2))
      sim.runFor(60_000)
      expect(seen[0] ?? owners(claim(sim, 'www-web-2'))).toEqual(scaled)
      // A claim the scaled-down pod owned goes with it; the others stay.
      expect(claim(sim, 'www-web-2') === undefined).toBe(whenScaled === 'Delete')
      expect(owners(claim(sim, 'www-web-1'))).toEqual(kept)

      sim.store.delete({ kind: 'StatefulSet', namespace: 'default', name: 'web' })
      sim.runFor(60_000)
      expect(claim(sim, 'www-web-0') === undefined).toBe(whenDeleted === 'Delete')
    },
  )

  it('hands the claims to the set when the policy changes on a live set', () => {
    const sim = newSim()
    sim.store.create(web())
    sim.runFor(60_000)
    expect(owners(claim(sim, 'www-web-0'))).toEqual([])
    editSet(
      sim,
      (spec) =>
        (spec.persistentVolumeClaimRetentionPolicy = {
          whenDeleted: 'Delete',
          whenScaled: 'Retain',
        }),
    )
    expect(owners(claim(sim, 'www-web-0'))).toEqual(['StatefulSet/web'])
    expect(liveSet(sim).status?.readyReplicas).toBe(3)
  })
})
