import type { Container, Probe } from '../api/core'
import { invalid, required } from './field-checks'
import type { FieldError } from './validate'

const TIMING_FIELDS = [
  'initialDelaySeconds',
  'timeoutSeconds',
  'periodSeconds',
  'successThreshold',
  'failureThreshold',
] as const

/**
 * `validateProbe` (`pkg/apis/core/validation`): one handler, every timing a
 * whole number not below 0 (a 0 was defaulted already), and for liveness and
 * startup probes a success threshold of 1.
 */
function validateProbe(probe: Probe, path: string, successMustBeOne: boolean): FieldError[] {
  const errors: FieldError[] = []
  const handlers = [probe.httpGet, probe.tcpSocket, probe.exec].filter((h) => h != null)
  if (handlers.length === 0) errors.push(required(path, 'must specify a handler type'))
  else if (handlers.length > 1)
    errors.push({
      field: path,
      type: 'Forbidden',
      detail: 'may not specify more than 1 handler type',
    })
  for (const field of TIMING_FIELDS) {
    const value = probe[field]
    if (value === undefined) continue
    if (!Number.isInteger(value) || value < 0)
      errors.push(invalid(`${path}.${field}`, value, 'must be greater than or equal to 0'))
  }
  if (successMustBeOne && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    errors.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'))
  return errors
}

/** The probes of one container, at `path` (`spec.containers[0]`). */
export function validateProbes(c: Container, path: string): FieldError[] {
  const errors: FieldError[] = []
  const check = (probe: Probe | undefined, name: string, successMustBeOne: boolean) => {
    if (probe && typeof probe === 'object')
      errors.push(...validateProbe(probe, `${path}.${name}`, successMustBeOne))
  }
  check(c.livenessProbe, 'livenessProbe', true)
  check(c.readinessProbe, 'readinessProbe', false)
  check(c.startupProbe, 'startupProbe', true)
  return errors
}
