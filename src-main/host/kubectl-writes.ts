import type { KubeObject } from '../sim/api/meta'
import type { Simulation } from '../sim/simulation'
import { ApiError } from '../sim/store/errors'
import type { DeleteOptions, ScaleOptions } from '../sim/views/kubectl/command-line'
import type { CommandOutput } from '../sim/views/kubectl/get'
import {
  type ApiResource,
  apiResources,
  kindPrefix,
  qualifiedName,
  resolveResource,
} from '../sim/views/kubectl/resources'

/**
 * The two changes a learner makes by hand to see GitOps answer: `kubectl
 * delete` (a Deployment's pod comes back; an app's object is Missing until a
 * sync or self-heal puts it back) and `kubectl scale` (drift that self-heal
 * undoes). Both go through the API server as kubectl's would.
 */
export function kubectlDelete(sim: Simulation, options: DeleteOptions): CommandOutput {
  return eachNamed(sim, options, (resource, name, namespace) => {
    sim.store.delete({ kind: resource.kind, namespace, name })
    return `${kindPrefix(resource)} "${name}" deleted\n`
  })
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'])

export function kubectlScale(sim: Simulation, options: ScaleOptions): CommandOutput {
  return eachNamed(sim, options, (resource, name, namespace) => {
    const live = sim.store.get<KubeObject & { spec: { replicas?: number } }>(
      resource.kind,
      namespace,
      name,
    )
    if (!live) throw new ApiError('NotFound', `${qualifiedName(resource, name)} not found`)
    if (!SCALABLE.has(resource.kind))
      throw new RefusedError(`no scaler has been implemented for ${kindPrefix(resource)}`)
    sim.store.update({ ...live, spec: { ...live.spec, replicas: options.replicas } })
    return `${kindPrefix(resource)}/${name} scaled\n`
  })
}

/** What kubectl itself refuses, before asking the API server. */
class RefusedError extends Error {}

/**
 * Runs `act` on each object the arguments name, one at a time as kubectl does:
 * what it prints on stdout, and each refusal on stderr in kubectl's words.
 */
function eachNamed(
  sim: Simulation,
  options: { args: readonly string[]; namespace?: string },
  act: (resource: ApiResource, name: string, namespace: string | undefined) => string,
): CommandOutput {
  const targets = namedObjects(sim, options.args)
  if ('error' in targets) return { stdout: '', stderr: targets.error, exitCode: 1 }
  let stdout = ''
  let stderr = ''
  for (const { resource, name } of targets.objects) {
    const namespace = resource.namespaced ? (options.namespace ?? 'default') : undefined
    try {
      stdout += act(resource, name, namespace)
    } catch (e) {
      if (e instanceof ApiError) stderr += `Error from server (${e.reason}): ${e.message}\n`
      else if (e instanceof RefusedError) stderr += `error: ${e.message}\n`
      else throw e
    } finally {
      sim.settle()
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 }
}

/** `<type> <name>...` or `<type>/<name>...`, resolved against what the API server serves. */
function namedObjects(
  sim: Simulation,
  args: readonly string[],
): { objects: { resource: ApiResource; name: string }[] } | { error: string } {
  const resources = apiResources(sim.store)
  const objects: { resource: ApiResource; name: string }[] = []
  const slashed = args.every((a) => a.includes('/'))
  const words = slashed ? args.map((a) => a.split('/', 2) as [string, string]) : undefined
  if (words) {
    for (const [type, name] of words) {
      const resource = resolveResource(type, resources)
      if (!resource) return { error: `error: the server doesn't have a resource type "${type}"\n` }
      objects.push({ resource, name })
    }
    return { objects }
  }
  const [type, ...names] = args
  if (args.some((a) => a.includes('/')))
    return {
      error:
        'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form\n',
    }
  const resource = type === undefined ? undefined : resolveResource(type, resources)
  if (!resource) return { error: `error: the server doesn't have a resource type "${type}"\n` }
  if (names.length === 0)
    return { error: `error: resource(s) were provided, but no name was specified\n` }
  return { objects: names.map((name) => ({ resource, name })) }
}
