import { describe, expect, it } from 'vitest'
import type { ConfigMap, Secret } from '../../../src-main/sim/api/core'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { ApiError } from '../../../src-main/sim/store/errors'
import { newSim } from '../../helpers/sim'

const KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

const configMap = (fields: Partial<ConfigMap>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'default' },
  ...fields,
})

const secret = (fields: Partial<Secret>): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'creds', namespace: 'default' },
  ...fields,
})

function outcome(fn: () => unknown): string {
  try {
    fn()
    return 'accepted'
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
}

const MiB = 1024 * 1024

describe('ConfigMap and Secret validation (ValidateConfigMap, ValidateSecret)', () => {
  it.each<[string, KubeObject, string]>([
    [
      'a ConfigMap with good keys',
      configMap({ data: { 'app.properties': 'a=b', KEY_NAME: 'x', 'key-name': 'y' } }),
      'accepted',
    ],
    [
      'a key with a space',
      configMap({ data: { 'bad key': 'x' } }),
      `ConfigMap "cfg" is invalid: data[bad key]: Invalid value: "bad key": ${KEY_MESSAGE}`,
    ],
    [
      'a key that walks up',
      configMap({ data: { '..data': 'x' } }),
      `ConfigMap "cfg" is invalid: data[..data]: Invalid value: "..data": must not start with '..'`,
    ],
    [
      'a key in both data and binaryData',
      configMap({ data: { logo: 'x' }, binaryData: { logo: 'eA==' } }),
      'ConfigMap "cfg" is invalid: data[logo]: Invalid value: "logo": duplicate of key present in binaryData',
    ],
    [
      'a ConfigMap over 1 MiB',
      configMap({ data: { a: 'x'.repeat(MiB), b: 'y' } }),
      'ConfigMap "cfg" is invalid: []: Too long: must have at most 1048576 bytes',
    ],
    ['a ConfigMap of exactly 1 MiB', configMap({ data: { a: 'x'.repeat(MiB) } }), 'accepted'],
    [
      'a Secret key with a slash',
      secret({ stringData: { 'a/b': 'x' } }),
      `Secret "creds" is invalid: data[a/b]: Invalid value: "a/b": ${KEY_MESSAGE}`,
    ],
    [
      'a Secret over 1 MiB',
      secret({ stringData: { big: 'x'.repeat(MiB + 1) } }),
      'Secret "creds" is invalid: data: Too long: must have at most 1048576 bytes',
    ],
    [
      'a TLS Secret without its key',
      secret({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'cert' } }),
      'Secret "creds" is invalid: data[tls.key]: Required value',
    ],
    [
      'a TLS Secret with neither key',
      secret({ type: 'kubernetes.io/tls', data: {} }),
      'Secret "creds" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    ],
    [
      'a TLS Secret with both',
      secret({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'c', 'tls.key': 'k' } }),
      'accepted',
    ],
    [
      'a dockerconfigjson Secret without its key',
      secret({ type: 'kubernetes.io/dockerconfigjson', data: {} }),
      'Secret "creds" is invalid: data[.dockerconfigjson]: Required value',
    ],
    [
      'a basic-auth Secret with neither username nor password',
      secret({ type: 'kubernetes.io/basic-auth', data: {} }),
      'Secret "creds" is invalid: [data[username]: Required value, data[password]: Required value]',
    ],
    [
      'a basic-auth Secret with a password only',
      secret({ type: 'kubernetes.io/basic-auth', stringData: { password: 'p' } }),
      'accepted',
    ],
  ])('%s: %s', (_, obj, expected) => {
    const sim = newSim()
    expect(outcome(() => sim.store.create(obj))).toBe(expected)
  })

  it('defaults a Secret to Opaque and stores stringData base64-encoded in data', () => {
    const sim = newSim()
    const created = sim.store.create(secret({ stringData: { password: 's3cret' } }))
    expect(created.type).toBe('Opaque')
    expect(created.data).toEqual({ password: 'czNjcmV0' })
    expect(created.stringData).toBeUndefined()
  })

  it.each<[string, KubeObject, (live: KubeObject) => KubeObject, string]>([
    [
      'changing the data of an immutable ConfigMap',
      configMap({ immutable: true, data: { a: '1' } }),
      (live) => ({ ...live, data: { a: '2' } }),
      'ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    ],
    [
      'making an immutable ConfigMap mutable again',
      configMap({ immutable: true, data: { a: '1' } }),
      (live) => ({ ...live, immutable: false }),
      'ConfigMap "cfg" is invalid: immutable: Forbidden: field is immutable when `immutable` is set',
    ],
    [
      'changing the data of an immutable Secret',
      secret({ immutable: true, stringData: { a: '1' } }),
      (live) => ({ ...live, data: { a: 'Mg==' } }),
      'Secret "creds" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    ],
    [
      "changing a Secret's type",
      secret({ stringData: { a: '1' } }),
      (live) => ({ ...live, type: 'kubernetes.io/basic-auth' }),
      'Secret "creds" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    ],
    [
      'changing the data of a mutable ConfigMap',
      configMap({ data: { a: '1' } }),
      (live) => ({ ...live, data: { a: '2' } }),
      'accepted',
    ],
    [
      'relabelling an immutable ConfigMap',
      configMap({ immutable: true, data: { a: '1' } }),
      (live) => ({ ...live, metadata: { ...live.metadata, labels: { tier: 'web' } } }),
      'accepted',
    ],
  ])('%s: %s', (_, obj, change, expected) => {
    const sim = newSim()
    const live = sim.store.create(obj)
    expect(outcome(() => sim.store.update(change(live)))).toBe(expected)
    // A sync's dry run of the changed manifest gives the same answer.
    expect(sim.store.dryRun(change(live))?.message ?? 'accepted').toBe(expected)
  })
})
