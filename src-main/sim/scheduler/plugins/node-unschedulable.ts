import type { Taint } from '../../api/core'
import { tolerationsTolerateTaint } from '../../api/tolerations'
import type { FilterPlugin, PreFilterResult, Status } from '../framework'

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }

const UNSCHEDULABLE: Status = {
  plugin: 'NodeUnschedulable',
  reasons: ['node(s) were unschedulable'],
  unresolvable: true,
}

/** The same check for every pod: made once, not once per scheduling cycle. */
const CHECK_CORDON: PreFilterResult = {
  filter: (node) => (node.unschedulable ? UNSCHEDULABLE : undefined),
}

/** `NodeUnschedulable`: a cordoned node takes only pods that tolerate the unschedulable taint. */
export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  coveredByBasicChecks: true,
  preFilter({ pod }) {
    if (tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return undefined
    return CHECK_CORDON
  },
}
