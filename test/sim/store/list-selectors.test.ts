import { beforeEach, describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { VirtualClock } from '../../../src-main/sim/kernel/clock'
import { Prng } from '../../../src-main/sim/kernel/prng'
import { ApiError } from '../../../src-main/sim/store/errors'
import { parseFieldRequirements, type FieldRequirement } from '../../../src-main/sim/store/fields'
import { SelectorError } from '../../../src-main/sim/store/labels'
import { ObjectStore, type ListOptions } from '../../../src-main/sim/store/store'

let store: ObjectStore

const pod = (name: string, labels: Record<string, string>, nodeName?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] },
})

const event = (name: string, reason: string, involved: string, type = 'Normal'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: involved, namespace: 'default', uid: `uid-${involved}` },
  reason,
  type,
  message: reason,
  source: { component: 'kubelet' },
})

beforeEach(() => {
  store = new ObjectStore(new VirtualClock(1_767_225_600_000), new Prng(1))
  for (const name of ['default', 'shop'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
  store.create(pod('web-1', { app: 'web', tier: 'front' }, 'node-1'))
  store.create(pod('web-2', { app: 'web', tier: 'front' }, 'node-2'))
  store.create(pod('api-1', { app: 'api', tier: 'back' }, 'node-1'))
  store.create(pod('job-1', { app: 'job' }))
  store.create(event('e1', 'Pulled', 'web-1'))
  store.create(event('e2', 'BackOff', 'api-1', 'Warning'))
  store.create(event('e3', 'Pulled', 'api-1'))
})

const names = (objects: KubeObject[]): string[] => objects.map((o) => o.metadata.name).sort()

function apiError(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('fields.ParseSelector', () => {
  it.each<[string, FieldRequirement[]]>([
    ['', []],
    ['spec.nodeName=node-1', [{ field: 'spec.nodeName', operator: '=', value: 'node-1' }]],
    ['spec.nodeName==node-1', [{ field: 'spec.nodeName', operator: '==', value: 'node-1' }]],
    ['status.phase!=Running', [{ field: 'status.phase', operator: '!=', value: 'Running' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', operator: '=', value: '' }]],
    [
      'reason=a\\,b,type=Normal',
      [
        { field: 'reason', operator: '=', value: 'a,b' },
        { field: 'type', operator: '=', value: 'Normal' },
      ],
    ],
  ])('%j', (text, requirements) => {
    expect(parseFieldRequirements(text)).toEqual(requirements)
  })

  it.each<[string, string]>([
    ['spec.nodeName', "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('refuses %j', (text, message) => {
    expect(() => parseFieldRequirements(text)).toThrow(SelectorError)
    expect(() => parseFieldRequirements(text)).toThrow(message)
  })
})

describe('ObjectStore.list with selectors', () => {
  it.each<[string, string, ListOptions, string[]]>([
    ['all pods', 'Pod', {}, ['api-1', 'job-1', 'web-1', 'web-2']],
    ['a label string', 'Pod', { labelSelector: 'app=web' }, ['web-1', 'web-2']],
    ['a set-based string', 'Pod', { labelSelector: 'app in (api,job),!tier' }, ['job-1']],
    [
      'a structured label selector',
      'Pod',
      { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } },
      ['api-1', 'web-1', 'web-2'],
    ],
    ['spec.nodeName', 'Pod', { fieldSelector: 'spec.nodeName=node-1' }, ['api-1', 'web-1']],
    ['unscheduled pods', 'Pod', { fieldSelector: 'spec.nodeName=' }, ['job-1']],
    [
      'status.phase',
      'Pod',
      { fieldSelector: 'status.phase=Pending' },
      ['api-1', 'job-1', 'web-1', 'web-2'],
    ],
    ['metadata.name', 'Pod', { fieldSelector: { 'metadata.name': 'web-2' } }, ['web-2']],
    [
      'requirements',
      'Pod',
      { fieldSelector: [{ field: 'metadata.namespace', operator: '!=', value: 'default' }] },
      [],
    ],
    [
      'labels and fields together',
      'Pod',
      { labelSelector: 'tier=front', fieldSelector: 'spec.nodeName!=node-1' },
      ['web-2'],
    ],
    ['the old spec.host', 'Pod', { fieldSelector: 'spec.host=node-2' }, ['web-2']],
    ['involvedObject.name', 'Event', { fieldSelector: 'involvedObject.name=api-1' }, ['e2', 'e3']],
    [
      'involvedObject.kind',
      'Event',
      { fieldSelector: 'involvedObject.kind=Pod' },
      ['e1', 'e2', 'e3'],
    ],
    ['involvedObject.uid', 'Event', { fieldSelector: 'involvedObject.uid=uid-web-1' }, ['e1']],
    ['involvedObject.namespace', 'Event', { fieldSelector: 'involvedObject.namespace=shop' }, []],
    ['reason', 'Event', { fieldSelector: 'reason=Pulled' }, ['e1', 'e3']],
    ['type', 'Event', { fieldSelector: 'type==Warning' }, ['e2']],
    ['a namespace with no pods', 'Pod', { namespace: 'shop' }, []],
    [
      'namespace status.phase',
      'Namespace',
      { fieldSelector: 'status.phase=Active' },
      ['default', 'shop'],
    ],
  ])('%s', (_name, kind, options, expected) => {
    expect(names(store.list(kind, options))).toEqual(expected)
  })

  it.each<[string, string, ListOptions, string]>([
    [
      'an unsupported pod field',
      'Pod',
      { fieldSelector: 'spec.image=x' },
      'field label not supported: spec.image',
    ],
    [
      'an unsupported event field',
      'Event',
      { fieldSelector: 'message=x' },
      'field label not supported: message',
    ],
    [
      'metadata.namespace of a namespace',
      'Namespace',
      { fieldSelector: 'metadata.namespace=x' },
      'field label not supported: metadata.namespace',
    ],
    [
      'a kind without field labels of its own',
      'Deployment',
      { fieldSelector: 'spec.replicas=1' },
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    [
      'a bad label selector',
      'Pod',
      { labelSelector: 'app in' },
      "unable to parse requirement: found '' expected: '('",
    ],
    [
      'a bad field selector',
      'Pod',
      { fieldSelector: 'nodeName' },
      "invalid selector: 'nodeName'; can't understand 'nodeName'",
    ],
  ])('refuses %s with 400', (_name, kind, options, message) => {
    const e = apiError(() => store.list(kind, options))
    expect(e.code).toBe(400)
    expect(e.reason).toBe('BadRequest')
    expect(e.message).toBe(message)
  })
})
