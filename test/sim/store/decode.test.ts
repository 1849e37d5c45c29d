import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { Pod } from '../../../src-main/sim/api/core'
import { deployment } from '../../helpers/manifests'
import { newSim } from '../../helpers/sim'

/** The web Deployment with the value at `path` replaced. */
function broken(path: (string | number)[], value: unknown): Deployment {
  const d = structuredClone(deployment('web')) as unknown as Record<string | number, unknown>
  let at = d
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path[path.length - 1]!] = value
  return d as unknown as Deployment
}

const container = ['spec', 'template', 'spec', 'containers', 0]

describe('decoding, before validation', () => {
  it.each([
    [
      'a quantity that is not one',
      [...container, 'resources'],
      { requests: { cpu: 'lots' } },
      `Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ],
    [
      'a fractional replica count',
      ['spec', 'replicas'],
      2.5,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2.5 into Go struct field .replicas of type int32',
    ],
    [
      'a string where a list goes',
      [...container, 'args'],
      'sleep 10',
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .args of type []string',
    ],
    [
      'a list where an object goes',
      [...container, 'readinessProbe'],
      [],
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal array into Go struct field .readinessProbe of type v1.Probe',
    ],
    [
      'a scalar where a list of structs goes',
      [...container.slice(0, -2), 'affinity'],
      { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: ['0%'] } },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .preferredDuringSchedulingIgnoredDuringExecution of type v1.WeightedPodAffinityTerm',
    ],
    [
      'a list where a string goes',
      [...container, 'image'],
      [],
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal array into Go struct field .image of type string',
    ],
    [
      "an object as an environment variable's value",
      [...container, 'env'],
      [{ name: 'MODE', value: { a: 1 } }],
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field .value of type string',
    ],
    [
      'an object where an int or a string goes',
      ['spec', 'strategy'],
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: { labels: {} } } },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field .maxSurge of type int32',
    ],
    [
      'a fraction where an int or a string goes',
      ['spec', 'strategy'],
      { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3.5 } },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3.5 into Go struct field .maxUnavailable of type int32',
    ],
    [
      'a quantity as a toleration period, which the clock adds',
      [...container.slice(0, -2), 'tolerations'],
      [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: '100Gi' }],
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .tolerationSeconds of type int64',
    ],
    [
      'a string where a list of namespaces goes',
      [...container.slice(0, -2), 'affinity'],
      {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'zone', namespaces: 'a' },
          ],
        },
      },
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .namespaces of type []string',
    ],
  ])("refuses %s with the decoder's words", (_what, path, value, message) => {
    const sim = newSim()
    expect(() => sim.store.create(broken(path as (string | number)[], value))).toThrow(
      message as string,
    )
    expect(sim.store.list('Deployment')).toEqual([])
  })

  it.each([
    ['a number as a kind', { kind: 3.5 }, 'number', 'kind'],
    ['a list as a name', { name: [] }, 'array', 'name'],
  ])('refuses %s in a reference', (_what, ref, json, field) => {
    const sim = newSim()
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', ...ref },
        maxReplicas: 3,
      },
    }
    expect(() => sim.store.create(hpa)).toThrow(
      `HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: json: cannot unmarshal ${json} into Go struct field .${field} of type string`,
    )
  })

  it.each([
    [
      'a word',
      'Bad_Name',
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    ['a list', [], 'json: cannot unmarshal array into Go value of type resource.Quantity'],
  ])("refuses %s as a node's allocatable cpu: status decodes too", (_what, cpu, reason) => {
    const sim = newSim()
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'extra' },
      status: { capacity: { cpu: '8' }, allocatable: { cpu, pods: '110' } },
    }
    expect(() => sim.store.create(node)).toThrow(
      `Node in version "v1" cannot be handled as a Node: ${reason}`,
    )
    expect(sim.store.get('Node', undefined, 'extra')).toBeUndefined()
  })

  it('takes null as unset, as Go does', () => {
    const sim = newSim()
    const created = sim.store.create(broken(['spec', 'strategy'], null))
    expect(created.spec.strategy?.type).toBe('RollingUpdate')
  })

  it("takes a null list item as its type's zero value, as Go does", () => {
    const sim = newSim()
    const created = sim.store.create(broken([...container, 'command'], [null, '-c']))
    expect(created.spec.template.spec.containers[0]!.command).toEqual(['', '-c'])
    // The kubelet then meets a command it cannot run, and says so; nothing throws.
    sim.runFor(30_000)
    const pod = sim.store.list<Pod>('Pod')[0]!
    const status = pod.status?.containerStatuses?.[0]
    expect(status?.state?.waiting?.reason).toBe('CrashLoopBackOff')
    expect(status?.lastState?.terminated?.reason).toBe('StartError')
  })

  it.each([
    ['a label', ['metadata', 'labels'], { app: 'web', env: 'production' }],
    [
      'a pod template label',
      ['spec', 'template', 'metadata', 'labels'],
      { app: 'web', ports: 'x' },
    ],
    ['a node selector', ['spec', 'template', 'spec', 'nodeSelector'], { rules: 'strict' }],
    ['a selector label', ['spec', 'selector', 'matchLabels'], { app: 'web', values: 'x' }],
  ])('reads %s named like a typed field as a plain key', (_what, path, value) => {
    const sim = newSim()
    const d = broken(path as (string | number)[], value)
    if (path[0] === 'spec' && path[1] === 'selector')
      d.spec.template.metadata!.labels = { ...value }
    expect(() => sim.store.create(d)).not.toThrow()
  })

  it("reads a Service's selector and a ConfigMap's data as maps, whatever their keys", () => {
    const sim = newSim()
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { env: 'production', app: 'web' }, ports: [{ port: 80 }] },
    })
    sim.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'conf', namespace: 'default' },
      data: { env: 'production', command: 'run', replicas: 'three' },
    })
    expect(sim.store.list('Service').map((s) => s.metadata.name)).toContain('web')
  })

  it('validates init containers as it validates containers', () => {
    const sim = newSim()
    expect(() =>
      sim.store.create(broken(['spec', 'template', 'spec', 'initContainers'], [{ name: 'init' }])),
    ).toThrow('spec.template.spec.initContainers[0].image: Required value')
  })
})
