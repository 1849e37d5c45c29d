import type { SyncReport } from '../shared/dto'
import { type DescribeOptions, kubectlDescribe } from '../sim/views/kubectl/describe'
import { type CommandOutput, type GetOptions, kubectlGet } from '../sim/views/kubectl/get'
import { type HeadlessSyncOptions, headlessSync } from './headless-sync'

export type { CommandOutput, DescribeOptions, GetOptions }

export type KubectlRequest =
  | { readonly verb: 'get'; readonly options: GetOptions }
  | { readonly verb: 'describe'; readonly options: DescribeOptions }

/**
 * Syncs a revision into a fresh simulated cluster, as `drydock sync` does, then
 * answers a `kubectl get` or `kubectl describe` against it at the moment the
 * sync settled.
 */
export async function kubectlAfterSync(
  sync: HeadlessSyncOptions,
  request: KubectlRequest,
): Promise<{ output: CommandOutput; report: SyncReport }> {
  const { report, sim } = await headlessSync(sync)
  const output =
    request.verb === 'get'
      ? kubectlGet(sim.store, sim.nowMs(), request.options)
      : kubectlDescribe(sim.store, sim.nowMs(), request.options)
  return { output, report }
}
