import path from 'node:path'
import type { SyncReport } from '../../shared/dto'
import { type CommandOutput, type KubectlRequest, kubectlAfterSync } from '../../host/kubectl'
import type { SyncFlagValues } from '../sync-flags'
import { syncOptions } from '../sync-flags'

/** Where a kubectl-like command looks: `--repo`, or the folder it runs in, as git does. */
export function repoOf(values: { repo?: string }): string {
  return path.resolve(values.repo ?? process.cwd())
}

/** A sync that could not apply the revision leaves the cluster short of it: say so on stderr. */
function syncWarning(report: SyncReport): string {
  if (report.phase !== 'Error') return ''
  const problems = report.problems.map(
    (p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`,
  )
  return `drydock: revision ${report.revision.slice(0, 7)} did not sync: ${report.message}\n${problems.join('')}`
}

/** The flags of `get` and `describe` that steer the sync rather than kubectl. */
interface KubectlSyncValues extends Omit<SyncFlagValues, 'namespace'> {
  'app-namespace'?: string
  repo?: string
}

/** Syncs, runs the kubectl verb, and writes exactly what kubectl would. */
export async function runKubectl(
  values: KubectlSyncValues,
  request: KubectlRequest,
): Promise<number> {
  const sync = syncOptions(repoOf(values), { ...values, namespace: values['app-namespace'] })
  const { output, report } = await kubectlAfterSync(sync, request)
  write(output, syncWarning(report))
  return output.exitCode
}

function write(output: CommandOutput, warning: string): void {
  if (warning) process.stderr.write(warning)
  if (output.stdout) process.stdout.write(output.stdout)
  if (output.stderr) process.stderr.write(output.stderr)
}
