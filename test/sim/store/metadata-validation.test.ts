import { beforeEach, describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { KubeObject, ObjectMeta } from '../../../src-main/sim/api/meta'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ApiError } from '../../../src-main/sim/store/errors'
import { ObjectStore } from '../../../src-main/sim/store/store'
import { deployment } from '../../helpers/manifests'

let store: ObjectStore

beforeEach(() => {
  store = new ObjectStore(new VirtualClock(1_767_225_600_000), new Prng(1))
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
})

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

const withMeta = (meta: Partial<ObjectMeta> | Record<string, unknown>): Deployment => {
  const d = deployment('web')
  return { ...d, metadata: { ...d.metadata, ...meta } as ObjectMeta }
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

describe('metadata is validated as the API server validates it', () => {
  it.each<[string, KubeObject, number, string]>([
    [
      'an upper-case name',
      withMeta({ name: 'Web' }),
      422,
      `Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": ${SUBDOMAIN}`,
    ],
    [
      'a bad label key',
      withMeta({ labels: { 'bad key': 'x' } }),
      422,
      `Deployment.apps "web" is invalid: metadata.labels: Invalid value: "bad key": ${NAME_PART}`,
    ],
    [
      'a bad label value',
      withMeta({ labels: { app: 'not ok' } }),
      422,
      `Deployment.apps "web" is invalid: metadata.labels: Invalid value: "not ok": ${LABEL_VALUE}`,
    ],
    [
      'a label value over 63 characters',
      withMeta({ labels: { app: 'a'.repeat(64) } }),
      422,
      `Deployment.apps "web" is invalid: metadata.labels: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
    [
      'a bad annotation key',
      withMeta({ annotations: { 'a/b/c': 'x' } }),
      422,
      `Deployment.apps "web" is invalid: metadata.annotations: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      'annotations over 256 KiB',
      withMeta({ annotations: { big: 'x'.repeat(262_142) } }),
      422,
      'Deployment.apps "web" is invalid: metadata.annotations: Too long: must have at most 262144 bytes',
    ],
    [
      'both orphan and foregroundDeletion',
      withMeta({ finalizers: ['orphan', 'foregroundDeletion'] }),
      422,
      'Deployment.apps "web" is invalid: metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ],
    [
      'two controllers',
      withMeta({
        ownerReferences: [
          { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
          { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
        ],
      }),
      422,
      'Deployment.apps "web" is invalid: metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"A", Name:"a", UID:"1", Controller:true, BlockOwnerDeletion:nil}, v1.OwnerReference{APIVersion:"v1", Kind:"B", Name:"b", UID:"2", Controller:true, BlockOwnerDeletion:nil}}: Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
    ],
    [
      'an owner reference without a uid',
      withMeta({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'A', name: 'a', uid: '' }] }),
      422,
      'Deployment.apps "web" is invalid: metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ],
    [
      'a label value that is a number',
      withMeta({ labels: { replicas: 3 } }),
      400,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'finalizers that are not a list',
      withMeta({ finalizers: 'orphan' }),
      400,
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ObjectMeta.metadata.finalizers of type []string',
    ],
  ])('refuses %s', (_name, obj, code, message) => {
    const rv = store.resourceVersion
    const e = apiError(() => store.create(obj))
    expect(e.code).toBe(code)
    expect(e.message).toBe(message)
    expect(store.resourceVersion).toBe(rv)
  })

  it('refuses a bad generateName, and the name drawn from it, as upstream does', () => {
    const e = apiError(() => store.create(withMeta({ name: '', generateName: 'Web-' })))
    const name = /^Deployment\.apps "(Web-[a-z0-9]{5})" is invalid/.exec(e.message)?.[1]
    expect(e.message).toBe(
      `Deployment.apps "${name}" is invalid: [metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}, metadata.name: Invalid value: "${name}": ${SUBDOMAIN}]`,
    )
  })

  it('refuses a spec of the wrong shape with a 400, not an exception', () => {
    const d = deployment('web') as unknown as { spec: { template: { spec: unknown } } }
    d.spec.template.spec = { containers: [{ name: 'c', image: 'nginx', ports: 'eighty' }] }
    const e = apiError(() => store.create(d as unknown as KubeObject))
    expect(e.code).toBe(400)
    expect(e.message).toMatch(/^Deployment in version "v1" cannot be handled as a Deployment: /)
  })
})

describe('updates', () => {
  it('refuses a stale resourceVersion before anything else', () => {
    const d = store.create(deployment('web'))
    store.update({ ...d, spec: { ...d.spec, replicas: 2 } })
    const e = apiError(() =>
      store.update({ ...d, metadata: { ...d.metadata, name: 'web', labels: { 'bad key': 'x' } } }),
    )
    expect(e.code).toBe(409)
    expect(e.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    )
  })

  it('refuses a changed Deployment selector: field is immutable', () => {
    const d = store.create(deployment('web'))
    const changed = structuredClone(d) as Deployment
    changed.spec.selector = { matchLabels: { app: 'web', tier: 'front' } }
    changed.spec.template.metadata!.labels = { app: 'web', tier: 'front' }
    const e = apiError(() => store.update(changed))
    expect(e.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    )
  })

  it('refuses a changed uid', () => {
    const d = store.create(deployment('web'))
    const e = apiError(() => store.update({ ...d, metadata: { ...d.metadata, uid: 'other' } }))
    expect(e.message).toBe(
      'Deployment.apps "web" is invalid: metadata.uid: Invalid value: "other": field is immutable',
    )
  })

  it('keeps the resourceVersion of an update that changes nothing', () => {
    const d = store.create(deployment('web'))
    const rv = store.resourceVersion
    expect(store.update(structuredClone(d))).toBe(d)
    expect(store.resourceVersion).toBe(rv)
  })
})
