import { FaultError, TrafficSpecError } from '../host/errors'
import { parseChaos, parseScheduledFault } from '../host/fault-plan'
import type { HeadlessSyncOptions } from '../host/headless-sync'
import { parseTraffic, type TrafficSpec } from '../host/traffic-plan'
import { parseDurationMs } from '../shared/duration'
import { UsageError, intOption } from './args'

/** The flags every command that syncs a revision first takes, as `drydock sync` names them. */
export const syncFlags = {
  revision: { type: 'string', short: 'r' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  path: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  fault: { type: 'string', multiple: true },
  chaos: { type: 'string' },
  for: { type: 'string' },
  traffic: { type: 'string', multiple: true },
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
  fault: syncFlags.fault,
  chaos: syncFlags.chaos,
  for: syncFlags.for,
  traffic: syncFlags.traffic,
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
  fault?: string[]
  chaos?: string
  for?: string
  traffic?: string[]
}

function durationOption(value: string | undefined, name: string): number | undefined {
  try {
    return value === undefined ? undefined : parseDurationMs(value)
  } catch (e) {
    throw new UsageError(`--${name}: ${(e as Error).message}`)
  }
}

function faultOption(spec: string) {
  try {
    return parseScheduledFault(spec)
  } catch (e) {
    if (e instanceof FaultError) throw new UsageError(`--fault ${spec}: ${e.message}`)
    throw e
  }
}

function trafficOption(spec: string): TrafficSpec {
  try {
    return parseTraffic(spec)
  } catch (e) {
    if (e instanceof TrafficSpecError) throw new UsageError(`--traffic ${spec}: ${e.message}`)
    throw e
  }
}

function chaosOption(text: string | undefined, runForMs: number | undefined) {
  try {
    return text === undefined ? undefined : parseChaos(text, runForMs)
  } catch (e) {
    if (e instanceof FaultError) throw new UsageError(`--chaos ${text}: ${e.message}`)
    throw e
  }
}

/** The headless sync those flags ask for, of the repository at `repoPath`. */
export function syncOptions(repoPath: string, values: SyncFlagValues): HeadlessSyncOptions {
  const timeoutMs = durationOption(values.timeout, 'timeout')
  const runForMs = durationOption(values.for, 'for')
  const settings: HeadlessSyncOptions['settings'] = {
    ...(timeoutMs !== undefined && { syncTimeoutMs: timeoutMs }),
    ...(values.path !== undefined && { path: values.path }),
    ...(values.namespace !== undefined && { namespace: values.namespace }),
  }
  return {
    repoPath,
    revision: values.revision,
    seed: intOption(values.seed, 'seed'),
    settings,
    faults: (values.fault ?? []).map(faultOption),
    chaos: chaosOption(values.chaos, runForMs),
    runForMs,
    traffic: (values.traffic ?? []).map(trafficOption),
  }
}
