import type { Hypervisor, VirtualMachine } from '../api/infra'
import type { KubeObject } from '../api/meta'
import { DEFAULT_DISK, DEFAULT_MAX_PODS } from './node-resources'

/** From power-on to a running kubelet, when a VM does not say. */
export const DEFAULT_BOOT_TIME = '30s'

/**
 * Server-side defaults of the infrastructure kinds. Status is the simulated
 * world's, so what a manifest writes there is dropped, as a status subresource
 * drops it.
 */
export function defaultHost(obj: KubeObject): void {
  delete obj.status
}

export function defaultHypervisor(obj: KubeObject): void {
  delete obj.status
  const spec = (obj as Hypervisor).spec
  if (!spec || typeof spec !== 'object') return
  spec.type ??= 'kvm'
}

export function defaultVirtualMachine(obj: KubeObject): void {
  delete obj.status
  const spec = (obj as VirtualMachine).spec
  if (!spec || typeof spec !== 'object') return
  spec.disk ??= DEFAULT_DISK
  spec.bootTime ??= DEFAULT_BOOT_TIME
  if (!spec.node || typeof spec.node !== 'object') return
  spec.node.role ??= 'worker'
  spec.node.maxPods ??= DEFAULT_MAX_PODS
}
