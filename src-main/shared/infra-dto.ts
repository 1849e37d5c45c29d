/**
 * The machines under the nodes, and the faults a run carried out, as plain data
 * for the `drydock sync --json` contract. Imports nothing.
 */

/**
 * What a machine uses at the end of the run, rolled up from the containers
 * (pod → node → VM → hypervisor → host), printed as `kubectl top node` prints
 * it. Percentages are of what the machine has, rounded down: a node's
 * allocatable, a VM's vCPUs and memory, a hypervisor's or host's cores and memory.
 */
export interface UsageView {
  /** Millicores: `250m`. */
  cpu: string
  /** Mebibytes, rounded down: `1024Mi`. */
  memory: string
  cpuPercent: number
  memoryPercent: number
}

export interface HostView {
  name: string
  zone?: string
  rack?: string
  powerState: 'On' | 'Off'
  /** The hypervisor running on it. */
  hypervisor?: string
  /** Its hypervisors' use: their VMs' and what they keep for themselves. */
  usage: UsageView
  /**
   * Of the CPU its running VMs want, the share its cores cannot give them (0
   * while they fit): a start-up or a request on them takes 1 / (1 − steal) as long.
   */
  cpuStealPercent: number
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
  /** Its running VMs' use plus what it keeps for itself; nothing unless it runs. */
  usage: UsageView
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
  /** Its node's use (containers and the node's own daemons), less what its host steals. */
  usage: UsageView
  /** Its host's CPU steal, as a percentage (see `HostView`). */
  cpuStealPercent: number
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
  /**
   * Its kubelet as the machine knows it, whatever the API shows yet: `running`,
   * `stopped` (the process; its containers run on) or `down` (its machine is off).
   */
  kubelet: 'running' | 'stopped' | 'down'
  /** Cut off the network by a partition fault: the control plane hears nothing from it. */
  partitioned: boolean
  /** What `kubectl top node` would show: its containers and daemons, against its allocatable. */
  usage: UsageView
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
