import { describe, expect, it } from 'vitest'
import type { StatefulSet } from '../../../../src-main/sim/api/statefulset'
import { ApiError } from '../../../../src-main/sim/store/errors'
import { newSim } from '../../../helpers/sim'
import { web } from './helpers'

const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

function createError(set: StatefulSet): string {
  try {
    newSim().store.create(set)
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
  return ''
}

describe('StatefulSet defaults', () => {
  it('fills in what the API server fills in', () => {
    const sim = newSim()
    const minimal = web((spec) => {
      delete spec.replicas
      delete spec.serviceName
    })
    const set = sim.store.create(minimal)
    expect(set.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    })
    expect(set.spec.template.spec.restartPolicy).toBe('Always')
    expect(set.spec.volumeClaimTemplates?.[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      spec: { volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    })
  })

  it('leaves an OnDelete strategy without a rolling update', () => {
    const set = newSim().store.create(web((spec) => (spec.updateStrategy = { type: 'OnDelete' })))
    expect(set.spec.updateStrategy).toEqual({ type: 'OnDelete' })
  })
})

describe('StatefulSet validation', () => {
  it.each<[string, (set: StatefulSet) => void, string]>([
    [
      'a selector that misses the template',
      (set) => (set.spec.selector = { matchLabels: { app: 'other' } }),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
    ],
    [
      'no selector',
      (set) => delete (set.spec as Partial<StatefulSet['spec']>).selector,
      'spec.selector: Required value',
    ],
    [
      'a serviceName that is no DNS label',
      (set) => (set.spec.serviceName = 'Nginx_svc'),
      `spec.serviceName: Invalid value: "Nginx_svc": ${LABEL_RULE}`,
    ],
    [
      'a dotted name, which pods cannot take as hostname',
      (set) => (set.metadata.name = 'web.v1'),
      `metadata.name: Invalid value: "web.v1": ${LABEL_RULE}`,
    ],
    [
      'an unknown pod management policy',
      (set) => (set.spec.podManagementPolicy = 'Random' as never),
      `spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'`,
    ],
    [
      'a negative partition',
      (set) =>
        (set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }),
      'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'a zero maxUnavailable',
      (set) =>
        (set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0',
    ],
    [
      'negative replicas',
      (set) => (set.spec.replicas = -1),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'a restartPolicy other than Always',
      (set) => (set.spec.template.spec.restartPolicy = 'Never'),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
  ])('refuses %s', (_, edit, message) => {
    const set = web()
    edit(set)
    expect(createError(set)).toBe(`StatefulSet.apps "${set.metadata.name}" is invalid: ${message}`)
  })

  it('accepts the tutorial manifest, and is served as sts', () => {
    expect(createError(web())).toBe('')
  })
})

describe('StatefulSet updates', () => {
  it('allows replicas, template and strategy to change, and nothing else', () => {
    const sim = newSim()
    const live = sim.store.create(web())
    const update = (edit: (spec: StatefulSet['spec']) => void): string => {
      const spec = structuredClone(
        sim.store.get<StatefulSet>('StatefulSet', 'default', 'web')!.spec,
      )
      edit(spec)
      try {
        sim.store.update<StatefulSet>({
          ...live,
          metadata: { ...live.metadata, resourceVersion: undefined },
          spec,
        })
        return ''
      } catch (e) {
        if (e instanceof ApiError) return e.message
        throw e
      }
    }
    expect(update((spec) => (spec.replicas = 5))).toBe('')
    expect(update((spec) => (spec.template.spec.containers[0]!.image = 'nginx:1.28'))).toBe('')
    expect(
      update((spec) => (spec.volumeClaimTemplates![0]!.spec.resources!.requests!.storage = '2Gi')),
    ).toBe(
      `StatefulSet.apps "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`,
    )
  })
})
