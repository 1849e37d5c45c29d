import type { Image, ImageBehaviourSpec } from '../api/drydock'
import { bytes, cpuMillis } from '../api/quantity'
import { parseDurationMs } from '../../shared/duration'
import type { FieldError } from '../store/validate'
import type { CatalogImage, ImageBehaviour } from './catalog'
import { parseImageReference } from './reference'

const MiB = 2 ** 20

/**
 * Turns a repository's `kind: Image` into a registry entry, or lists what is wrong
 * with it in the API server's field-error style. Pure: the registry and the
 * validator both call it.
 */
export function declaredImage(image: Image): { entry: CatalogImage } | { errors: FieldError[] } {
  const errors: FieldError[] = []
  const spec = image.spec
  if (!spec || typeof spec !== 'object')
    return { errors: [{ field: 'spec', type: 'Required value' }] }
  const ref = typeof spec.repository === 'string' ? parseImageReference(spec.repository) : undefined
  if (typeof spec.repository !== 'string' || spec.repository === '') {
    errors.push({
      field: 'spec.repository',
      type: 'Required value',
      detail: 'the image name, e.g. mon-user/devops-backend',
    })
  } else if (!ref || /[:@]/.test(spec.repository.split('/').pop()!)) {
    errors.push({
      field: 'spec.repository',
      type: 'Invalid value',
      value: spec.repository,
      detail:
        'must be an image name without tag or digest, e.g. mon-user/devops-backend or ghcr.io/org/app',
    })
  }
  if (!Array.isArray(spec.tags) || spec.tags.length === 0) {
    errors.push({
      field: 'spec.tags',
      type: 'Required value',
      detail: 'list the tags that exist, e.g. ["1.0", "latest"]',
    })
  } else {
    spec.tags.forEach((tag, i) => {
      if (typeof tag !== 'string' || !/^[\w][\w.-]{0,127}$/.test(tag))
        errors.push({
          field: `spec.tags[${i}]`,
          type: 'Invalid value',
          value: tag,
          detail: 'a tag is up to 128 letters, digits, `_`, `.` and `-`',
        })
    })
  }
  const size = quantity(spec.size, 'spec.size', bytes, errors) ?? 50 * MiB
  const base = behaviourOf(spec, 'spec', errors)
  const tagBehaviours: Record<string, ImageBehaviour> = {}
  for (const [tag, override] of Object.entries(spec.tagOverrides ?? {})) {
    const path = `spec.tagOverrides[${tag}]`
    if (!Array.isArray(spec.tags) || !spec.tags.includes(tag))
      errors.push({
        field: path,
        type: 'Invalid value',
        value: tag,
        detail: 'overrides a tag that is not in spec.tags',
      })
    tagBehaviours[tag] = behaviourOf(
      { ...stripped(spec), ...override, failure: override.failure ?? spec.failure },
      path,
      errors,
    )
  }
  if (errors.length > 0 || !ref) return { errors }
  return {
    entry: {
      name: `${ref.registry}/${ref.repository}`,
      tags: spec.tags,
      sizeBytes: size,
      behaviour: base,
      ...(Object.keys(tagBehaviours).length ? { tagBehaviours } : {}),
    },
  }
}

function stripped(spec: Image['spec']): ImageBehaviourSpec {
  const { repository: _r, tags: _t, size: _s, tagOverrides: _o, ...rest } = spec
  return rest
}

function behaviourOf(spec: ImageBehaviourSpec, path: string, errors: FieldError[]): ImageBehaviour {
  const ports = spec.ports ?? []
  if (!Array.isArray(ports))
    errors.push({
      field: `${path}.ports`,
      type: 'Invalid value',
      value: String(ports),
      detail: 'a list of port numbers',
    })
  else
    ports.forEach((p, i) => {
      if (!Number.isInteger(p) || p < 1 || p > 65535)
        errors.push({
          field: `${path}.ports[${i}]`,
          type: 'Invalid value',
          value: p,
          detail: 'must be between 1 and 65535, inclusive',
        })
    })
  const f = spec.failure ?? {}
  const startupMs = duration(spec.startup, `${path}.startup`, errors) ?? 1000
  const exitMs = duration(f.exitAfter, `${path}.failure.exitAfter`, errors)
  const runForMs = duration(spec.runFor, `${path}.runFor`, errors)
  const unhealthyMs = duration(f.unhealthyAfter, `${path}.failure.unhealthyAfter`, errors)
  const leak = quantity(f.memoryLeakPerMinute, `${path}.failure.memoryLeakPerMinute`, bytes, errors)
  const every = spec.logs?.every
  const periodMs = every ? duration(every.period, `${path}.logs.every.period`, errors) : undefined
  if (periodMs !== undefined && periodMs <= 0)
    errors.push({
      field: `${path}.logs.every.period`,
      type: 'Invalid value',
      value: every!.period,
      detail: 'must be greater than 0',
    })
  const exitAfter =
    exitMs !== undefined
      ? { atMs: exitMs, code: f.exitCode ?? 1, logs: f.logs ?? [] }
      : runForMs !== undefined
        ? { atMs: runForMs, code: 0, logs: [] }
        : undefined
  return {
    entrypoint: 'server',
    serverCommands: [],
    hasShell: spec.shell ?? true,
    ports: Array.isArray(ports) ? ports : [],
    healthPaths: spec.healthPaths ?? ['/'],
    ...(unhealthyMs !== undefined ? { healthyForMs: Math.max(0, unhealthyMs - startupMs) } : {}),
    startupMs,
    stopMs: 100,
    memoryBytes:
      quantity(spec.resources?.memory, `${path}.resources.memory`, bytes, errors) ?? 32 * MiB,
    cpuMillis: quantity(spec.resources?.cpu, `${path}.resources.cpu`, cpuMillis, errors) ?? 10,
    startLogs: spec.logs?.start ?? [],
    ...(every && periodMs && periodMs > 0
      ? { loopLogs: { periodMs, lines: every.lines ?? [] } }
      : {}),
    ...(spec.requiredEnv
      ? {
          requiredEnv: {
            anyOf: spec.requiredEnv.anyOf ?? [],
            exitCode: 1,
            logs: spec.requiredEnv.message ?? [
              `Error: ${(spec.requiredEnv.anyOf ?? []).join(' or ')} is not set`,
            ],
          },
        }
      : {}),
    ...(exitAfter ? { exitAfter } : {}),
    ...(leak ? { memoryLeakBytesPerMs: leak / 60_000 } : {}),
    ...(f.crashAboveRps !== undefined ? { crashAboveRps: f.crashAboveRps } : {}),
  }
}

function duration(
  text: string | undefined,
  field: string,
  errors: FieldError[],
): number | undefined {
  if (text === undefined) return undefined
  try {
    return parseDurationMs(String(text))
  } catch {
    errors.push({
      field,
      type: 'Invalid value',
      value: text,
      detail: 'a duration such as 500ms, 30s, 2m or 1h30m',
    })
    return undefined
  }
}

function quantity(
  text: string | undefined,
  field: string,
  parse: (q: string) => number,
  errors: FieldError[],
): number | undefined {
  if (text === undefined) return undefined
  try {
    return parse(String(text))
  } catch {
    errors.push({
      field,
      type: 'Invalid value',
      value: text,
      detail:
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    })
    return undefined
  }
}
