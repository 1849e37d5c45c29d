import { parseDurationMs } from '../../shared/duration'
import type { Taint } from '../api/core'
import {
  HYPERVISOR_TYPES,
  type Host,
  type Hypervisor,
  type KubeletReservations,
  type VirtualMachine,
} from '../api/infra'
import { bytes, cpuMillis } from '../api/quantity'
import type { KubeObject } from '../api/meta'
import { isDNS1123Subdomain, isLabelKey, isLabelValue } from '../store/name-checks'
import type { FieldError } from '../store/validate'
import { bytesText, cpuText } from './capacity'
import { nodeResources } from './node-resources'

/**
 * What the API server refuses in an infrastructure document on its own, before
 * any controller looks: missing or impossible sizes, unknown types, bad node
 * names, labels and taints. What depends on other objects (a missing host, a
 * VM that does not fit) is the infrastructure controller's to report, in status
 * and events, since the other object may come later in the same commit.
 */

type Errors = FieldError[]

function required(errors: Errors, field: string, detail?: string): void {
  errors.push({ field, type: 'Required value', ...(detail ? { detail } : {}) })
}

function invalid(errors: Errors, field: string, value: unknown, detail: string): void {
  errors.push({ field, type: 'Invalid value', value, detail })
}

/** A positive quantity, or its error; returns the parsed value when valid. */
function positiveQuantity(
  errors: Errors,
  field: string,
  value: unknown,
  parse: (v: string | number) => number,
): number | undefined {
  if (value === undefined || value === '') {
    required(errors, field)
    return undefined
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    invalid(errors, field, String(value), 'must be a quantity, e.g. 8Gi')
    return undefined
  }
  let parsed: number
  try {
    parsed = parse(value)
  } catch (e) {
    invalid(errors, field, value, (e as Error).message)
    return undefined
  }
  if (!(parsed > 0)) {
    invalid(errors, field, value, 'must be greater than 0')
    return undefined
  }
  return parsed
}

function positiveInteger(errors: Errors, field: string, value: unknown, unit: string): void {
  if (value === undefined) return required(errors, field)
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    invalid(errors, field, value, `must be a whole number of ${unit} greater than 0`)
}

/** A share below 100% (`10%`) or a quantity of 0 or more. */
function shareOrQuantity(
  errors: Errors,
  field: string,
  value: unknown,
  parse: (v: string | number) => number,
): void {
  if (value === undefined) return
  if (typeof value !== 'string' && typeof value !== 'number')
    return invalid(errors, field, value, 'must be a share such as 10% or a quantity such as 256Mi')
  if (typeof value === 'string' && value.endsWith('%')) {
    const n = Number(value.slice(0, -1))
    if (value.length < 2 || !Number.isFinite(n) || n < 0 || n >= 100)
      invalid(errors, field, value, 'a share must be at least 0% and below 100%')
    return
  }
  try {
    if (parse(value as string | number) < 0) invalid(errors, field, value, 'must be 0 or more')
  } catch (e) {
    invalid(errors, field, value, (e as Error).message)
  }
}

function labelValue(errors: Errors, field: string, value: unknown): void {
  if (value === undefined) return
  if (typeof value !== 'string') return invalid(errors, field, String(value), 'must be a string')
  for (const msg of isLabelValue(value)) invalid(errors, field, value, msg)
}

/** A map field's entries; anything but a map is refused and read as empty. */
function mapOf(errors: Errors, field: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {}
  if (value && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>
  invalid(errors, field, value, 'must be a map')
  return {}
}

function specOf(obj: KubeObject, errors: Errors): Record<string, unknown> | undefined {
  if (!obj.spec || typeof obj.spec !== 'object') {
    required(errors, 'spec')
    return undefined
  }
  return obj.spec as Record<string, unknown>
}

export function validateHost(obj: KubeObject): FieldError[] {
  const errors: Errors = []
  const spec = specOf(obj, errors) as Partial<Host['spec']> | undefined
  if (!spec) return errors
  positiveInteger(errors, 'spec.cores', spec.cores, 'cores')
  positiveQuantity(errors, 'spec.memory', spec.memory, bytes)
  labelValue(errors, 'spec.zone', spec.zone)
  labelValue(errors, 'spec.rack', spec.rack)
  return errors
}

export function validateHypervisor(obj: KubeObject): FieldError[] {
  const errors: Errors = []
  const spec = specOf(obj, errors) as Partial<Hypervisor['spec']> | undefined
  if (!spec) return errors
  if (typeof spec.host !== 'string' || spec.host === '')
    required(errors, 'spec.host', 'the Host this hypervisor runs on')
  if (!HYPERVISOR_TYPES.includes(spec.type as (typeof HYPERVISOR_TYPES)[number])) {
    errors.push({
      field: 'spec.type',
      type: 'Unsupported value',
      value: spec.type ?? '',
      detail: `supported values: ${HYPERVISOR_TYPES.map((t) => `"${t}"`).join(', ')}`,
    })
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const ratio = spec.overcommit?.[resource]
    if (ratio !== undefined && (typeof ratio !== 'number' || !(ratio > 0)))
      invalid(errors, `spec.overcommit.${resource}`, ratio, 'must be a ratio greater than 0')
  }
  shareOrQuantity(errors, 'spec.reserved.cpu', spec.reserved?.cpu, cpuMillis)
  shareOrQuantity(errors, 'spec.reserved.memory', spec.reserved?.memory, bytes)
  return errors
}

const ROLES = ['control-plane', 'worker']
const EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule']

export function validateVirtualMachine(obj: KubeObject): FieldError[] {
  const errors: Errors = []
  const spec = specOf(obj, errors) as Partial<VirtualMachine['spec']> | undefined
  if (!spec) return errors
  if (typeof spec.hypervisor !== 'string' || spec.hypervisor === '')
    required(errors, 'spec.hypervisor', 'the Hypervisor this VM runs on')
  positiveInteger(errors, 'spec.vcpus', spec.vcpus, 'vCPUs')
  const memory = positiveQuantity(errors, 'spec.memory', spec.memory, bytes)
  if (spec.disk !== undefined) positiveQuantity(errors, 'spec.disk', spec.disk, bytes)
  if (spec.bootTime !== undefined) {
    try {
      parseDurationMs(String(spec.bootTime))
    } catch (e) {
      invalid(errors, 'spec.bootTime', spec.bootTime, (e as Error).message)
    }
  }
  const node = spec.node
  if (!node || typeof node !== 'object') {
    required(errors, 'spec.node', 'the Node this VM becomes: name, role, labels, taints, maxPods')
    return errors
  }
  validateNodeSpec(errors, node)
  if (errors.length === 0 && memory !== undefined)
    checkRoomForKubelet(errors, obj as VirtualMachine)
  return errors
}

function validateNodeSpec(errors: Errors, node: Partial<VirtualMachine['spec']['node']>): void {
  if (typeof node.name !== 'string' || node.name === '') required(errors, 'spec.node.name')
  else
    for (const msg of isDNS1123Subdomain(node.name))
      invalid(errors, 'spec.node.name', node.name, msg)
  if (node.role !== undefined && !ROLES.includes(node.role)) {
    errors.push({
      field: 'spec.node.role',
      type: 'Unsupported value',
      value: node.role,
      detail: `supported values: ${ROLES.map((r) => `"${r}"`).join(', ')}`,
    })
  }
  for (const [key, value] of Object.entries(mapOf(errors, 'spec.node.labels', node.labels))) {
    for (const msg of isLabelKey(key)) invalid(errors, 'spec.node.labels', key, msg)
    labelValue(errors, 'spec.node.labels', value)
  }
  if (node.taints !== undefined && !Array.isArray(node.taints))
    invalid(errors, 'spec.node.taints', node.taints, 'must be a list of taints')
  else
    (node.taints ?? []).forEach((t: Taint, i) => validateTaint(errors, `spec.node.taints[${i}]`, t))
  if (node.maxPods !== undefined) positiveInteger(errors, 'spec.node.maxPods', node.maxPods, 'pods')
  validateKubelet(errors, node.kubelet)
}

function validateTaint(errors: Errors, path: string, taint: Taint): void {
  if (!taint || typeof taint.key !== 'string' || taint.key === '') required(errors, `${path}.key`)
  else for (const msg of isLabelKey(taint.key)) invalid(errors, `${path}.key`, taint.key, msg)
  labelValue(errors, `${path}.value`, taint?.value)
  if (!EFFECTS.includes(taint?.effect)) {
    errors.push({
      field: `${path}.effect`,
      type: 'Unsupported value',
      value: taint?.effect ?? '',
      detail: `supported values: ${EFFECTS.map((e) => `"${e}"`).join(', ')}`,
    })
  }
}

function validateKubelet(errors: Errors, kubelet: KubeletReservations | undefined): void {
  if (kubelet === undefined) return
  if (!kubelet || typeof kubelet !== 'object' || Array.isArray(kubelet))
    return invalid(errors, 'spec.node.kubelet', kubelet, 'must be a map')
  for (const list of ['kubeReserved', 'systemReserved'] as const) {
    for (const [name, value] of Object.entries(
      mapOf(errors, `spec.node.kubelet.${list}`, kubelet[list]),
    )) {
      const field = `spec.node.kubelet.${list}.${name}`
      if (typeof value === 'string' ? value.endsWith('%') : typeof value !== 'number')
        invalid(errors, field, value, 'must be a quantity, e.g. 100m or 256Mi')
      else shareOrQuantity(errors, field, value, name === 'cpu' ? cpuMillis : bytes)
    }
  }
  const evictionHard = mapOf(errors, 'spec.node.kubelet.evictionHard', kubelet.evictionHard)
  for (const [signal, value] of Object.entries(evictionHard))
    shareOrQuantity(errors, `spec.node.kubelet.evictionHard.${signal}`, value, bytes)
}

/** A VM whose kubelet would keep back all of its CPU or memory could never run a pod. */
function checkRoomForKubelet(errors: Errors, vm: VirtualMachine): void {
  const { reserved } = nodeResources(vm)
  if (reserved.cpuMillis >= vm.spec.vcpus * 1000)
    invalid(
      errors,
      'spec.vcpus',
      vm.spec.vcpus,
      `must be more than the kubelet keeps back (${cpuText(reserved.cpuMillis)} cpu in kube-reserved and system-reserved)`,
    )
  if (reserved.memoryBytes >= bytes(vm.spec.memory))
    invalid(
      errors,
      'spec.memory',
      vm.spec.memory,
      `must be more than the kubelet keeps back (${bytesText(reserved.memoryBytes)}: kube-reserved, system-reserved and evictionHard memory.available)`,
    )
}
