/**
 * The machines under the nodes, and the faults a run carried out, as plain data
 * for the `drydock sync --json` contract. Imports nothing.
 */

export interface HostView {
  name: string
  zone?: string
  rack?: string
  powerState: 'On' | 'Off'
  /** The hypervisor running on it. */
  hypervisor?: string
}

export interface HypervisorView {
  name: string
  host: string
  type: string
  /** `Running`, `Crashed`, `Down` (its host is off) or `Pending`. */
  phase: string
  /** What its VMs may be promised in all, after reservation and over-commit. */
  capacity?: { cpu: string; memory: string }
  /** What its booting and running VMs hold. */
  allocated?: { cpu: string; memory: string }
  virtualMachines: number
}

export interface VirtualMachineView {
  name: string
  hypervisor: string
  vcpus: number
  memory: string
  /** `Provisioning`, `Booting`, `Running` or `Stopped`. */
  phase: string
  powerState: 'On' | 'Off'
  /** The Node its kubelet registers. */
  node: string
  /** Why it is not placed or not running, when it is not. */
  message?: string
}

export interface NodeStateView {
  name: string
  /** The STATUS column of `kubectl get nodes`: `Ready`, `NotReady`, `Ready,SchedulingDisabled`. */
  status: string
  /** The Ready condition's status: `True`, `False` or `Unknown` (the kubelet went silent). */
  ready: 'True' | 'False' | 'Unknown'
  /** The Ready condition's reason, e.g. `KubeletReady`, `NodeStatusUnknown`. */
  reason: string
  /** As `kubectl describe node` lists them: `node.kubernetes.io/unreachable:NoExecute`. */
  taints: string[]
  /** The VM it runs on; absent for a node with no machine under it. */
  virtualMachine?: string
  /** Pods bound to it that are not finished. */
  pods: number
}

export interface InfrastructureView {
  hosts: HostView[]
  hypervisors: HypervisorView[]
  virtualMachines: VirtualMachineView[]
  nodes: NodeStateView[]
}

/**
 * One scheduled fault and what became of it: `done` (with what happened),
 * `failed` (the world did not allow it, and why), or `not-reached` (the run
 * ended before it was due).
 */
export interface FaultView {
  fault: string
  /** Virtual seconds from the start of the sync. */
  atSeconds: number
  outcome: 'done' | 'failed' | 'not-reached'
  message: string
}
