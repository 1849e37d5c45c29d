import type { Deployment } from '../../api/apps'

/** One look at a rollout: the line `kubectl rollout status` prints, or the error it stops with. */
export type RolloutStatus =
  { readonly message: string; readonly done: boolean } | { readonly error: string }

/**
 * `DeploymentStatusViewer.Status` from `kubectl/pkg/polymorphichelpers/rollout_status.go`.
 * `kubectl rollout status` prints this each time the Deployment changes, until done.
 */
export function deploymentRolloutStatus(d: Deployment): RolloutStatus {
  const name = d.metadata.name
  const status = d.status ?? {}
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0))
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { error: `deployment "${name}" exceeded its progress deadline` }
  const updated = status.updatedReplicas ?? 0
  const replicas = status.replicas ?? 0
  const available = status.availableReplicas ?? 0
  if (d.spec.replicas !== undefined && updated < d.spec.replicas)
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...\n`,
      done: false,
    }
  if (replicas > updated)
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`,
      done: false,
    }
  if (available < updated)
    return {
      message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
      done: false,
    }
  return { message: `deployment "${name}" successfully rolled out\n`, done: true }
}

/** How the command shows an error: `error: ...` on stderr, exit status 1. */
export function rolloutStatusError(error: string): string {
  return `error: ${error}\n`
}
