import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { ApiError } from '../../../src-main/sim/store/errors'
import { fixture } from '../../helpers/fixtures'
import { newSim } from '../../helpers/sim'

/**
 * Fields of the wrong shape, as the manifest fuzz found them: each is refused
 * in the API server's words (or, for Drydock's own kinds, in their validator's),
 * never in the words of a JavaScript TypeError from a validator that read the
 * field as if it had the right type.
 */

/** `obj` with the value at `path` replaced. */
function withValue<T extends KubeObject>(obj: T, path: (string | number)[], value: unknown): T {
  const copy = structuredClone(obj)
  let at = copy as unknown as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>
  at[path[path.length - 1]!] = value
  return copy
}

const crd = (path: (string | number)[], value: unknown) =>
  withValue(fixture<KubeObject>('crds', 'crd-widgets.yaml'), path, value)
const openApi = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema']

const ingress = (spec: unknown): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'shop', namespace: 'default' },
  spec: spec as Record<string, unknown>,
})

const vm = (node: Record<string, unknown>): KubeObject => ({
  apiVersion: 'drydock.dev/v1alpha1',
  kind: 'VirtualMachine',
  metadata: { name: 'vm1' },
  spec: { hypervisor: 'hv-a', vcpus: 4, memory: '8Gi', node: { name: 'vm1', ...node } },
})

const crdDecoding =
  'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition'

describe('objects of the wrong shape are refused in the words of the API server', () => {
  it.each<[string, KubeObject, string]>([
    [
      'a namespace without a name',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { namespace: 'default' } } as KubeObject,
      'Namespace "" is invalid: metadata.name: Required value: name or generateName is required',
    ],
    [
      "a volume's capacity that is not a resource list",
      {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: 'local' },
        spec: { capacity: 'gizmo', accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } },
      },
      'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot unmarshal string into Go struct field .capacity of type v1.ResourceList',
    ],
    [
      'CRD short names that are not a list',
      crd(['spec', 'names', 'shortNames'], true),
      `${crdDecoding}: json: cannot unmarshal bool into Go struct field .shortNames of type []string`,
    ],
    [
      'a CRD group that is not a string',
      crd(['spec', 'group'], ['x']),
      `${crdDecoding}: json: cannot unmarshal array into Go struct field .group of type string`,
    ],
    [
      'a schema enum that is not a list',
      crd([...openApi, 'properties', 'spec', 'properties', 'color', 'enum'], 'red'),
      `${crdDecoding}: json: cannot unmarshal string into Go struct field .enum of type []v1.JSON`,
    ],
    [
      'additionalProperties that are neither a boolean nor a schema',
      crd([...openApi, 'additionalProperties'], 'yes'),
      `${crdDecoding}: boolean or JSON schema expected`,
    ],
    [
      'Ingress TLS that is not a list',
      ingress({
        ingressClassName: 'nginx',
        tls: {},
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      }),
      'Ingress in version "v1" cannot be handled as a Ingress: json: cannot unmarshal object into Go struct field .tls of type []v1.IngressTLS',
    ],
    [
      'a TLS host that is a number',
      ingress({ ingressClassName: 'nginx', tls: [{ hosts: [-1] }] }),
      'Ingress in version "v1" cannot be handled as a Ingress: json: cannot unmarshal number into Go struct field .hosts of type string',
    ],
    [
      "a VM's kubelet reservation that is a map",
      vm({ kubelet: { kubeReserved: { memory: { a: 'b' } } } }),
      'VirtualMachine.drydock.dev "vm1" is invalid: spec.node.kubelet.kubeReserved.memory: Invalid value: map[string]string{"a":"b"}: must be a quantity, e.g. 100m or 256Mi',
    ],
    [
      "a VM's taints that are not a list",
      vm({ taints: '' }),
      'VirtualMachine.drydock.dev "vm1" is invalid: spec.node.taints: Invalid value: "": must be a list of taints',
    ],
    [
      "a hypervisor's reserve that is a boolean",
      {
        apiVersion: 'drydock.dev/v1alpha1',
        kind: 'Hypervisor',
        metadata: { name: 'hv-c' },
        spec: { host: 'host-c', type: 'kvm', reserved: { cpu: true } },
      },
      'Hypervisor.drydock.dev "hv-c" is invalid: spec.reserved.cpu: Invalid value: true: must be a share such as 10% or a quantity such as 256Mi',
    ],
  ])('refuses %s', (_what, obj, message) => {
    const sim = newSim()
    const rv = sim.store.resourceVersion
    let refusal: unknown
    try {
      sim.store.create(obj)
    } catch (e) {
      refusal = e
    }
    expect(refusal).toBeInstanceOf(ApiError)
    expect((refusal as ApiError).message).toBe(message)
    expect(sim.store.resourceVersion).toBe(rv)
  })

  it('takes a null TLS entry as the empty one Go decodes it to', () => {
    const sim = newSim()
    const created = sim.store.create(
      ingress({
        ingressClassName: 'nginx',
        tls: [null],
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      }),
    )
    expect((created.spec as { tls: unknown[] }).tls).toEqual([{}])
    sim.runFor(10_000)
  })
})
