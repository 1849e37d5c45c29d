import type { FilterPlugin, ScorePlugin } from './framework'
import { balancedAllocation } from './plugins/balanced-allocation'
import { interPodAffinityFilter } from './plugins/inter-pod-affinity-filter'
import { interPodAffinityScore } from './plugins/inter-pod-affinity-score'
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/node-affinity'
import { nodePorts } from './plugins/node-ports'
import { nodeResourcesFitFilter, nodeResourcesFitScore } from './plugins/node-resources-fit'
import { nodeUnschedulable } from './plugins/node-unschedulable'
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration'
import { topologySpreadFilter } from './plugins/topology-spread-filter'
import { topologySpreadScore } from './plugins/topology-spread-score'
import { volumeBinding } from './plugins/volume-binding'

/**
 * The default profile (`getDefaultPlugins`), in its order: a node's reason is the
 * first filter it fails. NodeName has nothing to do here, since a pod with
 * `spec.nodeName` never reaches the scheduler; of the volume plugins only
 * VolumeBinding has something to check, and ImageLocality has no images to go by
 * (nodes do not report them).
 */
export const filterPlugins: readonly FilterPlugin[] = [
  nodeUnschedulable,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePorts,
  nodeResourcesFitFilter,
  volumeBinding,
  topologySpreadFilter,
  interPodAffinityFilter,
]

/** Score plugins with their default weights. */
export const scorePlugins: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  nodeResourcesFitScore,
  topologySpreadScore,
  interPodAffinityScore,
  balancedAllocation,
]
