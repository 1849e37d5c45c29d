import type { ConfigMap, Secret } from '../../api/core'
import type { KubeObject } from '../../api/meta'
import { deepEqual } from '../equality'
import {
  base64DecodedLength,
  forbidden,
  invalid,
  invalidEach,
  isConfigMapKey,
  key,
  required,
  tooLong,
  utf8Length,
} from '../field-checks'
import type { FieldError } from '../validate'

/**
 * `ValidateConfigMap`, `ValidateSecret` and their update checks from
 * `pkg/apis/core/validation`: key names, the 1 MiB limit, the keys each Secret
 * type needs, and objects marked `immutable`.
 */

/** `core.MaxSecretSize`, which ConfigMaps share. */
export const MAX_CONFIG_BYTES = 1024 * 1024

const IMMUTABLE = 'field is immutable when `immutable` is set'

export function validateConfigMap(obj: KubeObject): FieldError[] {
  const cm = obj as ConfigMap
  const errors: FieldError[] = []
  let total = 0
  for (const [k, value] of Object.entries(cm.data ?? {})) {
    errors.push(...invalidEach(key('data', k), k, isConfigMapKey(k)))
    if (cm.binaryData && k in cm.binaryData)
      errors.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'))
    total += utf8Length(String(value))
  }
  for (const [k, value] of Object.entries(cm.binaryData ?? {})) {
    errors.push(...invalidEach(key('binaryData', k), k, isConfigMapKey(k)))
    total += base64DecodedLength(String(value))
  }
  // The path is empty: the error is about the whole object, printed `[]`.
  if (total > MAX_CONFIG_BYTES) errors.push(tooLong('[]', MAX_CONFIG_BYTES))
  return errors
}

/** Keys a typed Secret must carry (`core.SecretType*`). */
const requiredKeys: Partial<Record<string, readonly string[]>> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
}

function typeErrors(secret: Secret): FieldError[] {
  const data = secret.data ?? {}
  const type = secret.type ?? 'Opaque'
  if (type === 'kubernetes.io/service-account-token') {
    const name = secret.metadata.annotations?.['kubernetes.io/service-account.name']
    return name ? [] : [required(key('metadata.annotations', 'kubernetes.io/service-account.name'))]
  }
  if (type === 'kubernetes.io/basic-auth') {
    // Either may be empty, but one of them must be there.
    if ('username' in data || 'password' in data) return []
    return [required(key('data', 'username')), required(key('data', 'password'))]
  }
  const errors: FieldError[] = []
  for (const k of requiredKeys[type] ?? []) {
    const present = k === 'ssh-privatekey' ? Boolean(data[k]) : k in data
    if (!present) errors.push(required(key('data', k)))
    // The docker config types stop at the first missing key.
    if (!present && type !== 'kubernetes.io/tls') break
  }
  return errors
}

export function validateSecret(obj: KubeObject): FieldError[] {
  const secret = obj as Secret
  const errors: FieldError[] = []
  let total = 0
  for (const [k, value] of Object.entries(secret.data ?? {})) {
    errors.push(...invalidEach(key('data', k), k, isConfigMapKey(k)))
    total += base64DecodedLength(String(value))
  }
  if (total > MAX_CONFIG_BYTES) errors.push(tooLong('data', MAX_CONFIG_BYTES))
  errors.push(...typeErrors(secret))
  return errors
}

export function validateConfigMapUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as ConfigMap
  const prev = old as ConfigMap
  if (prev.immutable !== true) return []
  const errors: FieldError[] = []
  if (next.immutable !== true) errors.push(forbidden('immutable', IMMUTABLE))
  if (!deepEqual(next.data ?? {}, prev.data ?? {})) errors.push(forbidden('data', IMMUTABLE))
  if (!deepEqual(next.binaryData ?? {}, prev.binaryData ?? {}))
    errors.push(forbidden('binaryData', IMMUTABLE))
  return errors
}

export function validateSecretUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = obj as Secret
  const prev = old as Secret
  const errors: FieldError[] = []
  if ((next.type ?? 'Opaque') !== (prev.type ?? 'Opaque'))
    errors.push(invalid('type', next.type ?? '', 'field is immutable'))
  if (prev.immutable === true) {
    if (next.immutable !== true) errors.push(forbidden('immutable', IMMUTABLE))
    if (!deepEqual(next.data ?? {}, prev.data ?? {})) errors.push(forbidden('data', IMMUTABLE))
  }
  return errors
}
