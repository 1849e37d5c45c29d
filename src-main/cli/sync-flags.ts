import type { HeadlessSyncOptions } from '../host/headless-sync'
import { parseDurationMs } from '../shared/duration'
import { UsageError, intOption } from './args'

/** The flags every command that syncs a revision first takes, as `drydock sync` names them. */
export const syncFlags = {
  revision: { type: 'string', short: 'r' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  path: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
} as const

/**
 * The same for `get` and `describe`, where `-n` means what it means to kubectl:
 * the namespace to look in. The app's namespace is `--app-namespace` there.
 */
export const kubectlSyncFlags = {
  revision: syncFlags.revision,
  seed: syncFlags.seed,
  timeout: syncFlags.timeout,
  path: syncFlags.path,
  'app-namespace': { type: 'string' },
  namespace: syncFlags.namespace,
  repo: { type: 'string' },
} as const

export interface SyncFlagValues {
  revision?: string
  seed?: string
  timeout?: string
  path?: string
  /** The app's target namespace. */
  namespace?: string
}

/** The headless sync those flags ask for, of the repository at `repoPath`. */
export function syncOptions(repoPath: string, values: SyncFlagValues): HeadlessSyncOptions {
  let timeoutMs: number | undefined
  try {
    timeoutMs = values.timeout === undefined ? undefined : parseDurationMs(values.timeout)
  } catch (e) {
    throw new UsageError(`--timeout: ${(e as Error).message}`)
  }
  const settings: HeadlessSyncOptions['settings'] = {
    ...(timeoutMs !== undefined && { syncTimeoutMs: timeoutMs }),
    ...(values.path !== undefined && { path: values.path }),
    ...(values.namespace !== undefined && { namespace: values.namespace }),
  }
  return { repoPath, revision: values.revision, seed: intOption(values.seed, 'seed'), settings }
}
