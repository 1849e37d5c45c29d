import type { Deployment, ReplicaSet } from '../../api/apps'
import { controllerRef } from '../../api/pod-util'
import type { ClusterReader } from '../describe/context'
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter'

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause'
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'

/**
 * `kubectl rollout history deployment/<name>` (`DeploymentHistoryViewer`): the
 * revision of each ReplicaSet the Deployment owns, with its change cause.
 * The command prints `deployment.apps/<name> ` on the line before, and a blank
 * line after.
 */
export function rolloutHistory(deploymentName: string, replicaSets: readonly ReplicaSet[]): string {
  const causes = new Map<number, string>()
  for (const rs of replicaSets) {
    // `deploymentutil.Revision`: no annotation is revision 0; one that does not parse is skipped.
    const text = rs.metadata.annotations?.[REVISION_ANNOTATION]
    const revision = text === undefined ? 0 : /^-?\d+$/.test(text) ? Number(text) : Number.NaN
    if (Number.isNaN(revision)) continue
    causes.set(revision, rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? '')
  }
  const header = `deployment.apps/${deploymentName} \n`
  if (causes.size === 0) return `${header}No rollout history found.\n`
  const rows = [...causes.keys()]
    .sort((a, b) => a - b)
    .map((r) => `${r}\t${causes.get(r) || '<none>'}\n`)
    .join('')
  return `${header}${tabwrite(`REVISION\tCHANGE-CAUSE\n${rows}`, DESCRIBE_TABWRITER)}\n`
}

/** `kubectl rollout history deployment/<name>` for a Deployment in the store: the ReplicaSets it controls. */
export function deploymentRolloutHistory(store: ClusterReader, d: Deployment): string {
  const owned = store
    .dependents<ReplicaSet>(d.metadata.uid ?? '', 'ReplicaSet')
    .filter((rs) => controllerRef(rs)?.uid === d.metadata.uid)
  return rolloutHistory(d.metadata.name, owned)
}
