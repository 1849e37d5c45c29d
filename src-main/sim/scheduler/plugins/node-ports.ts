import type { FilterPlugin, Status } from '../framework'

const NO_FREE_PORTS: Status = {
  plugin: 'NodePorts',
  reasons: ["node(s) didn't have free ports for the requested pod ports"],
  unresolvable: false,
}

/** `NodePorts`: a host port (with its protocol and address) can be held by one pod per node. */
export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  coveredByBasicChecks: true,
  preFilter({ pod }) {
    const ports = pod.spec.hostPorts
    if (ports.length === 0) return undefined
    return {
      filter(node) {
        if (!node.usedPorts) return undefined
        for (const p of ports) if (node.portInUse(p)) return NO_FREE_PORTS
        return undefined
      },
    }
  },
}
