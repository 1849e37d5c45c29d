import type { SyncReport } from '../shared/dto'
import type { Simulation } from '../sim/simulation'
import { type KubectlCommand, parseKubectlLine } from '../sim/views/kubectl/command-line'
import { type DescribeOptions, kubectlDescribe } from '../sim/views/kubectl/describe'
import { type CommandOutput, type GetOptions, kubectlGet } from '../sim/views/kubectl/get'
import { type LogsOptions, kubectlLogs } from '../sim/views/kubectl/logs'
import { kubectlRollout } from '../sim/views/kubectl/rollout'
import { kubectlDelete, kubectlScale } from './kubectl-writes'
import { type HeadlessSyncOptions, headlessSync } from './headless-sync'

export type { CommandOutput, DescribeOptions, GetOptions, LogsOptions }
export type KubectlRequest = KubectlCommand

/**
 * Syncs a revision into a fresh simulated cluster, as `drydock sync` does, then
 * answers a `kubectl get`, `describe` or `logs` against it at the moment the
 * sync settled.
 */
export async function kubectlAfterSync(
  sync: HeadlessSyncOptions,
  request: KubectlRequest,
): Promise<{ output: CommandOutput; report: SyncReport }> {
  const { report, sim } = await headlessSync(sync)
  return { output: runKubectl(sim, request), report }
}

/** A kubectl command against a running cluster, now. */
export function runKubectl(sim: Simulation, request: KubectlRequest): CommandOutput {
  switch (request.verb) {
    case 'get':
      return kubectlGet(sim.store, sim.nowMs(), request.options)
    case 'describe':
      return kubectlDescribe(sim.store, sim.nowMs(), request.options)
    case 'logs':
      return kubectlLogs(sim.store, sim.kubelet, request.options)
    case 'rollout':
      return kubectlRollout(sim.store, request.options)
    case 'delete':
      return kubectlDelete(sim, request.options)
    case 'scale':
      return kubectlScale(sim, request.options)
  }
}

/** A command line typed at the app's kubectl prompt: its output, or kubectl's error for it. */
export function runKubectlLine(sim: Simulation, line: string): CommandOutput {
  const command = parseKubectlLine(line)
  if ('error' in command) return { stdout: '', stderr: `${command.error}\n`, exitCode: 1 }
  return runKubectl(sim, command)
}
