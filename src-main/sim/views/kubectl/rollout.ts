import type { Deployment } from '../../api/apps'
import type { ClusterReader } from '../describe/context'
import { deploymentRolloutHistory } from '../rollout/history'
import { deploymentRolloutStatus, rolloutStatusError } from '../rollout/status'
import type { CommandOutput } from './get'
import { apiResources, qualifiedName, resolveResource } from './resources'

export interface RolloutOptions {
  readonly action: 'status' | 'history'
  /** `deployment/web`, or `deployment web`. */
  readonly args: readonly string[]
  readonly namespace?: string
}

const fail = (stderr: string): CommandOutput => ({ stdout: '', stderr, exitCode: 1 })

/**
 * `kubectl rollout status` as `--watch=false` prints it (the rollout's state
 * now, once), and `kubectl rollout history`, for a Deployment.
 */
export function kubectlRollout(store: ClusterReader, options: RolloutOptions): CommandOutput {
  const [first, second, ...extra] = options.args
  const [type, name] = first?.includes('/') ? first.split('/', 2) : [first, second]
  if (!type || !name || extra.length > 0 || (first?.includes('/') && second !== undefined))
    return fail(
      `error: required resource not specified: kubectl rollout ${options.action} deployment/<name>\n`,
    )
  const resource = resolveResource(type, apiResources(store))
  if (!resource) return fail(`error: the server doesn't have a resource type "${type}"\n`)
  const namespace = options.namespace ?? 'default'
  const obj = store.get(resource.kind, resource.namespaced ? namespace : undefined, name)
  if (!obj)
    return fail(`Error from server (NotFound): ${qualifiedName(resource, name)} not found\n`)
  if (resource.kind !== 'Deployment') {
    const group = resource.group ? `${resource.kind}.${resource.group}` : resource.kind
    return fail(
      options.action === 'status'
        ? `error: no status viewer has been implemented for ${group}\n`
        : `error: no history viewer has been implemented for ${group}\n`,
    )
  }
  const d = obj as Deployment
  if (options.action === 'history')
    return { stdout: deploymentRolloutHistory(store, d), stderr: '', exitCode: 0 }
  const status = deploymentRolloutStatus(d)
  if ('error' in status) return fail(rolloutStatusError(status.error))
  return { stdout: status.message, stderr: '', exitCode: 0 }
}
