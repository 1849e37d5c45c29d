import type { ResourceList, Taint } from './core'
import type { Condition, KubeObject } from './meta'

/**
 * `drydock.dev/v1alpha1` Host, Hypervisor and VirtualMachine: the machines below
 * the nodes, as a repository declares them. Shaped after Cluster API (a machine
 * that becomes a Node, its phases and conditions) and KubeVirt (a VM's run
 * state, its placement, `RestartRequired`). All three are cluster-scoped.
 *
 * Spec is what Git says; status is what the simulated world is: a fault (a
 * crash, a power cut) is written to status, as a failure is something observed,
 * not declared, so GitOps never undoes one.
 */
export const INFRA_API_VERSION = 'drydock.dev/v1alpha1'

export type PowerState = 'On' | 'Off'

/** CPU and memory as quantities: what a hypervisor can give, what VMs hold. */
export interface CpuMemory {
  cpu: string
  memory: string
}

/** A physical machine. */
export interface Host extends KubeObject {
  kind: 'Host'
  spec: HostSpec
  status?: HostStatus
}

export interface HostSpec {
  /** Physical cores (`16`). */
  cores: number
  /** Installed memory (`64Gi`). */
  memory: string
  /** The failure zone; the nodes of its VMs are labelled `topology.kubernetes.io/zone` with it. */
  zone?: string
  /** The rack; the nodes of its VMs are labelled `topology.drydock.dev/rack` with it. */
  rack?: string
}

export interface HostStatus {
  powerState: PowerState
  /** The hypervisor it runs. */
  hypervisor?: string
  /** vCPUs and memory promised to the VMs running on it, before over-commit. */
  allocated?: CpuMemory
  conditions?: Condition[]
}

export const HYPERVISOR_TYPES = ['esxi', 'hyperv', 'kvm', 'xen'] as const
export type HypervisorType = (typeof HYPERVISOR_TYPES)[number]

/** A hypervisor on a host: what it can give its VMs, and what it keeps. */
export interface Hypervisor extends KubeObject {
  kind: 'Hypervisor'
  spec: HypervisorSpec
  status?: HypervisorStatus
}

export interface HypervisorSpec {
  /** The Host it runs on. */
  host: string
  type: HypervisorType
  /**
   * How many times over its share of the host it may promise vCPUs and memory
   * (`cpu: 4` lets 64 vCPUs run on 16 cores). 1 when unset: no over-commit.
   */
  overcommit?: { cpu?: number; memory?: number }
  /** What it keeps for itself: a share of the host (`10%`) or an amount (`2`, `4Gi`). */
  reserved?: { cpu?: string | number; memory?: string }
}

/**
 * Running; Crashed (a fault, until it is recovered or its host power-cycles);
 * Down (its host is off); Pending (its host is missing or taken by another).
 */
export type HypervisorPhase = 'Pending' | 'Running' | 'Crashed' | 'Down'

export interface HypervisorStatus {
  phase: HypervisorPhase
  /** What its VMs may be promised in all: the host minus its reservation, times over-commit. */
  capacity?: CpuMemory
  /** What the VMs booting or running on it hold. */
  allocated?: CpuMemory
  virtualMachines?: number
  conditions?: Condition[]
}

export type NodeRole = 'control-plane' | 'worker'

/**
 * The kubelet's reservations (`KubeletConfiguration`): kube-reserved and
 * system-reserved are unset unless given, as kubeadm leaves them; `evictionHard`
 * replaces the kubelet's defaults when given (as a kubelet configuration file does).
 */
export interface KubeletReservations {
  kubeReserved?: ResourceList
  systemReserved?: ResourceList
  evictionHard?: Record<string, string>
}

/** The Node a VM's kubelet registers. */
export interface VirtualMachineNodeSpec {
  name: string
  role?: NodeRole
  labels?: Record<string, string>
  taints?: Taint[]
  /** 110 unless given, as the kubelet's `maxPods`. */
  maxPods?: number
  kubelet?: KubeletReservations
}

export interface VirtualMachine extends KubeObject {
  kind: 'VirtualMachine'
  spec: VirtualMachineSpec
  status?: VirtualMachineStatus
}

export interface VirtualMachineSpec {
  /** The Hypervisor it runs on. */
  hypervisor: string
  vcpus: number
  memory: string
  /** Its disk: the node's ephemeral-storage capacity. 100Gi unless given. */
  disk?: string
  /** From power-on to a running kubelet (`30s`). 30s unless given. */
  bootTime?: string
  node: VirtualMachineNodeSpec
}

/**
 * Provisioning (waiting for a place: condition `Placed` says why), Booting,
 * Running (its kubelet runs), Stopped (powered off, or its hypervisor went down).
 */
export type VirtualMachinePhase = 'Provisioning' | 'Booting' | 'Running' | 'Stopped'

export interface VirtualMachineStatus {
  phase: VirtualMachinePhase
  powerState: PowerState
  /** Where it holds its vCPUs and memory while booting or running. */
  hypervisor?: string
  /**
   * The hypervisor it ran on before a live migration moved it to `hypervisor`
   * (the first, when it moved more than once); it boots where its spec says.
   */
  migratedFrom?: string
  allocated?: CpuMemory
  /** The Node its kubelet registered. */
  nodeName?: string
  /** When the current boot began. */
  bootStartedAt?: string
  conditions?: Condition[]
}

/** Labels a VM's node takes from its host. */
export const LABEL_ZONE = 'topology.kubernetes.io/zone'
export const LABEL_RACK = 'topology.drydock.dev/rack'

export function isInfraKind(kind: string): kind is 'Host' | 'Hypervisor' | 'VirtualMachine' {
  return kind === 'Host' || kind === 'Hypervisor' || kind === 'VirtualMachine'
}
