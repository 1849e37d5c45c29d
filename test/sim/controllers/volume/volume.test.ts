import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../../src-main/sim/api/core'
import type {
  PersistentVolume,
  PersistentVolumeClaim,
  StorageClass,
} from '../../../../src-main/sim/api/storage'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { fixture } from '../../../helpers/fixtures'
import { apply, newSim } from '../../../helpers/sim'

const claim = (sim: Simulation, name = 'data') =>
  sim.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name)
const volume = (sim: Simulation, name: string) =>
  sim.store.get<PersistentVolume>('PersistentVolume', undefined, name)
const pod = (sim: Simulation, name = 'app') => sim.store.get<Pod>('Pod', 'default', name)

/** Events of an object, oldest first, as `Reason: message`. */
function events(sim: Simulation, name: string): string[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`)
}

function sources(sim: Simulation, name: string): Record<string, string> {
  return Object.fromEntries(
    sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .filter((e) => e.involvedObject.name === name)
      .map((e) => [e.reason, e.source.component]),
  )
}

const withClass = (storageClassName: string): PersistentVolumeClaim => {
  const c = fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml')
  c.spec.storageClassName = storageClassName
  return c
}

const EXTERNAL_PROVISIONING =
  "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."

describe('storage on a kind cluster', () => {
  it('boots with the default StorageClass standard of the local-path provisioner', () => {
    const sim = newSim()
    expect(sim.store.get<StorageClass>('StorageClass', undefined, 'standard')).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    })
  })

  it('keeps a claim of the default class Pending until a pod uses it', () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    sim.runFor(60_000)
    const c = claim(sim)!
    expect(c.spec.storageClassName).toBe('standard')
    expect(c.spec.volumeMode).toBe('Filesystem')
    expect(c.status?.phase).toBe('Pending')
    expect(sim.store.list('PersistentVolume')).toEqual([])
    const waiting = sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .find((e) => e.reason === 'WaitForFirstConsumer')!
    expect(waiting.message).toBe('waiting for first consumer to be created before binding')
    expect(waiting.source.component).toBe('persistentvolume-controller')
    // Looked at again every 15 s, as the PV controller's resync does.
    expect(waiting.count).toBe(5)
  })

  it('provisions and binds a volume on the node of the first pod that uses the claim, and runs the pod', () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
    expect(pod(sim)!.spec.nodeName).toBeUndefined()
    const running = sim.runUntilTrue(() => pod(sim)?.status?.phase === 'Running', 60_000)
    expect(running).toBe(true)
    const c = claim(sim)!
    const node = pod(sim)!.spec.nodeName!
    const pvName = `pvc-${c.metadata.uid}`
    expect(c.spec.volumeName).toBe(pvName)
    expect(c.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '1Gi' },
    })
    expect(c.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    })
    const pv = volume(sim, pvName)!
    expect(pv.status?.phase).toBe('Bound')
    expect(pv.spec).toMatchObject({
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Delete',
      capacity: { storage: '1Gi' },
      claimRef: {
        kind: 'PersistentVolumeClaim',
        namespace: 'default',
        name: 'data',
        uid: c.metadata.uid,
      },
      hostPath: {
        path: `/var/local-path-provisioner/${pvName}_default_data`,
        type: 'DirectoryOrCreate',
      },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }],
            },
          ],
        },
      },
    })
    expect(events(sim, 'data')).toEqual([
      'WaitForFirstConsumer: waiting for first consumer to be created before binding',
      EXTERNAL_PROVISIONING,
      'Provisioning: External provisioner is provisioning volume for claim "default/data"',
      `ProvisioningSucceeded: Successfully provisioned volume ${pvName}`,
    ])
    expect(sources(sim, 'data').ProvisioningSucceeded).toMatch(
      /^rancher\.io\/local-path_local-path-provisioner-[a-z0-9]{10}-[a-z0-9]{5}_[0-9a-f-]{36}$/,
    )
    expect(events(sim, 'app')).toContain(`Scheduled: Successfully assigned default/app to ${node}`)
  })

  it("sends a second pod of a bound local volume to the volume's node", () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
    sim.runUntilTrue(() => pod(sim)?.status?.phase === 'Running', 60_000)
    const second = fixture<Pod>('storage', 'pod-with-claim.yaml')
    second.metadata.name = 'app-2'
    apply(sim, second)
    sim.runUntilTrue(() => pod(sim, 'app-2')?.spec.nodeName !== undefined, 60_000)
    expect(pod(sim, 'app-2')!.spec.nodeName).toBe(pod(sim)!.spec.nodeName)
  })

  it("keeps a claim of a class that does not exist Pending, with the PV controller's event", () => {
    const sim = newSim()
    apply(sim, withClass('fast'))
    sim.runFor(30_000)
    expect(claim(sim)!.status?.phase).toBe('Pending')
    const failed = sim.store
      .list<KubeEvent>('Event', { namespace: 'default' })
      .find((e) => e.reason === 'ProvisioningFailed')!
    expect(failed.type).toBe('Warning')
    expect(failed.message).toBe('storageclass.storage.k8s.io "fast" not found')
    expect(failed.source.component).toBe('persistentvolume-controller')
  })

  it.each([
    [
      'a claim that does not exist',
      () => {},
      '0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ],
    [
      'a claim of a class that binds at once but cannot be provisioned',
      (sim: Simulation) => {
        apply(sim, {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: { name: 'local-now' },
          provisioner: 'rancher.io/local-path',
        } as StorageClass)
        apply(sim, withClass('local-now'))
      },
      '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ],
  ])('does not schedule a pod with %s', (_, setup, message) => {
    const sim = newSim()
    setup(sim)
    apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
    sim.runFor(10_000)
    expect(pod(sim)!.spec.nodeName).toBeUndefined()
    const failed = events(sim, 'app').find((e) => e.startsWith('FailedScheduling'))
    expect(failed).toBe(`FailedScheduling: ${message}`)
  })

  it('schedules the pod once its missing claim appears', () => {
    const sim = newSim()
    apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
    sim.runFor(5_000)
    expect(pod(sim)!.spec.nodeName).toBeUndefined()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    expect(sim.runUntilTrue(() => pod(sim)?.status?.phase === 'Running', 60_000)).toBe(true)
  })

  it("refuses, in the provisioner's words, a claim of an Immediate local-path class", () => {
    const sim = newSim()
    apply(sim, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-now' },
      provisioner: 'rancher.io/local-path',
    } as StorageClass)
    apply(sim, withClass('local-now'))
    sim.runFor(5_000)
    expect(events(sim, 'data')).toContain(
      'ProvisioningFailed: failed to provision volume with StorageClass "local-now": configuration error, no node was specified',
    )
  })

  it('binds a claim without a class to a matching volume made by hand, the smallest that fits', () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolume>('storage', 'pv-static.yaml'))
    const big = fixture<PersistentVolume>('storage', 'pv-static.yaml')
    big.metadata.name = 'static-50g'
    big.spec.capacity = { storage: '50Gi' }
    apply(sim, big)
    const small = fixture<PersistentVolume>('storage', 'pv-static.yaml')
    small.metadata.name = 'static-500m'
    small.spec.capacity = { storage: '500Mi' }
    apply(sim, small)
    sim.settle()
    expect(volume(sim, 'static-5g')!.status?.phase).toBe('Available')
    apply(sim, withClass(''))
    expect(claim(sim)!.spec.volumeName).toBe('static-5g')
    expect(claim(sim)!.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '5Gi' },
    })
    expect(volume(sim, 'static-5g')!.status?.phase).toBe('Bound')
    expect(volume(sim, 'static-5g')!.metadata.annotations).toEqual({
      'pv.kubernetes.io/bound-by-controller': 'yes',
    })
    // Deleting the claim releases the volume; Retain (the default for volumes made by hand) keeps it.
    sim.store.delete({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
    sim.runFor(30_000)
    expect(volume(sim, 'static-5g')!.status?.phase).toBe('Released')
  })

  it('says why a claim without a class waits, when no volume fits', () => {
    const sim = newSim()
    apply(sim, withClass(''))
    sim.runFor(1_000)
    expect(events(sim, 'data')).toEqual([
      'FailedBinding: no persistent volumes available for this claim and no storage class is set',
    ])
  })

  it('deletes a provisioned volume when its claim goes (reclaim policy Delete)', () => {
    const sim = newSim()
    apply(sim, fixture<PersistentVolumeClaim>('storage', 'pvc-data.yaml'))
    apply(sim, fixture<Pod>('storage', 'pod-with-claim.yaml'))
    sim.runUntilTrue(() => claim(sim)?.status?.phase === 'Bound', 60_000)
    const pvName = claim(sim)!.spec.volumeName!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'app' }, { gracePeriodSeconds: 0 })
    sim.store.delete({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' })
    sim.settle()
    expect(volume(sim, pvName)!.status?.phase).toBe('Released')
    sim.runFor(10_000)
    expect(volume(sim, pvName)).toBeUndefined()
  })
})
