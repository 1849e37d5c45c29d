import { parse } from 'yaml'
import type { Origin } from '../manifest/types'
import type { GitSource, TreeFile } from '../ports'
import { readText } from './files'
import type { ParseCache } from './parse-cache'
import { joinPath, normalisePath } from './paths'
import { parseBlob } from './plain'
import { KUSTOMIZATION_FILES } from './source-type'

/** Remote bases (`github.com/…`, `https://…`, `git::…`) have no file in this repository. */
const REMOTE = /^[a-z0-9+.-]+::|:\/\/|^github\.com\//i

/**
 * Where each object kustomize prints was declared: the resource file, among those
 * the kustomization tree lists under `resources` (and the older `bases`,
 * `components`), that declares the same kind and name, before namePrefix and
 * nameSuffix changed it. Best effort: patches and generators have no such file.
 */
export class KustomizeOrigins {
  private constructor(private readonly byKind: Map<string, { name: string; origin: Origin }[]>) {}

  static async read(
    source: GitSource,
    sha: string,
    appPath: string,
    cache: ParseCache | undefined,
  ): Promise<KustomizeOrigins> {
    const files = new Map((await source.listFiles(sha, '')).map((f) => [f.path, f]))
    const byKind = new Map<string, { name: string; origin: Origin }[]>()
    for (const file of await resourceFiles(source, files, appPath)) {
      const parsed = await parseBlob(source, file, cache)
      for (const { object, origin } of parsed.objects) {
        const list = byKind.get(object.kind) ?? []
        list.push({ name: object.metadata.name, origin })
        byKind.set(object.kind, list)
      }
    }
    return new KustomizeOrigins(byKind)
  }

  static empty(): KustomizeOrigins {
    return new KustomizeOrigins(new Map())
  }

  /** The declaring file's origin: the same name, else the longest name the rendered one contains. */
  find(kind: string, name: string): Origin | undefined {
    const candidates = this.byKind.get(kind) ?? []
    const exact = candidates.find((c) => c.name === name)
    if (exact) return exact.origin
    let best: { name: string; origin: Origin } | undefined
    for (const c of candidates)
      if (name.includes(c.name) && c.name.length > (best?.name.length ?? 0)) best = c
    return best?.origin
  }
}

/** The files the kustomization at `appPath` lists as resources, following folders that are kustomizations. */
async function resourceFiles(
  source: GitSource,
  files: Map<string, TreeFile>,
  appPath: string,
): Promise<TreeFile[]> {
  const found: TreeFile[] = []
  const seen = new Set<string>()
  const queue = [appPath]
  while (queue.length > 0) {
    const dir = queue.shift()!
    if (seen.has(dir)) continue
    seen.add(dir)
    const kustomization = KUSTOMIZATION_FILES.map((n) => files.get(joinPath(dir, n))).find(Boolean)
    if (!kustomization) continue
    for (const entry of await listedResources(source, kustomization)) {
      if (REMOTE.test(entry)) continue
      const path = normalisePath(joinPath(dir, entry))
      if (path === undefined) continue
      const file = files.get(path)
      if (file) found.push(file)
      else queue.push(path)
    }
  }
  return found
}

async function listedResources(source: GitSource, kustomization: TreeFile): Promise<string[]> {
  const read = await readText(source, kustomization)
  if (!('text' in read)) return []
  let doc: unknown
  try {
    doc = parse(read.text)
  } catch {
    return []
  }
  if (typeof doc !== 'object' || doc === null) return []
  const k = doc as Record<string, unknown>
  return [k.resources, k.bases, k.components]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .filter((e): e is string => typeof e === 'string')
}
