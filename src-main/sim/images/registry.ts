import { defaultCatalog, type CatalogImage, type ImageBehaviour } from './catalog'
import { canonicalName, parseImageReference } from './reference'

export type PullResult =
  | { ok: true; image: CatalogImage; sizeBytes: number; imageId: string; behaviour: ImageBehaviour }
  | { ok: false; reason: 'ErrImagePull' | 'InvalidImageName'; message: string }

/**
 * The simulated registry. An image resolves when its repository and tag are in the
 * catalog; anything else fails with the words containerd uses, so a learner sees
 * the same `not found` or `pull access denied` a real cluster prints.
 */
export class Registry {
  private readonly images = new Map<string, CatalogImage>()
  /** Images a repository declared (`kind: Image`), by the declaring object's name; they win over the catalog. */
  private readonly declared = new Map<string, CatalogImage>()
  private readonly imageIds = new Map<string, string>()
  private readonly resolved = new Map<string, PullResult>()

  /**
   * @param open an open registry: any well-formed reference pulls, and an image
   *   the catalog does not know runs as a generic server on the container's ports.
   */
  constructor(
    catalog: readonly CatalogImage[] = defaultCatalog,
    readonly open = false,
  ) {
    for (const image of catalog) this.images.set(image.name, image)
  }

  declare(objectName: string, image: CatalogImage): void {
    this.declared.set(objectName, image)
    this.resolved.clear()
  }

  forget(objectName: string): void {
    this.declared.delete(objectName)
    this.resolved.clear()
  }

  private find(name: string): CatalogImage | undefined {
    for (const image of this.declared.values()) if (image.name === name) return image
    return this.images.get(name)
  }

  /** One text per image, shared by every container that runs it. */
  private imageIdOf(repository: string, canonical: string): string {
    let id = this.imageIds.get(canonical)
    if (id === undefined) {
      id = `${repository}@sha256:${digestOf(canonical)}`
      this.imageIds.set(canonical, id)
    }
    return id
  }

  /** What each reference resolved to, until the declared images change: every container start asks. */
  resolve(raw: string): PullResult {
    let result = this.resolved.get(raw)
    if (!result) {
      result = this.lookUp(raw)
      this.resolved.set(raw, result)
    }
    return result
  }

  private lookUp(raw: string): PullResult {
    const ref = parseImageReference(raw)
    if (!ref) {
      return {
        ok: false,
        reason: 'InvalidImageName',
        message: `Failed to apply default image tag "${raw}": couldn't parse image name "${raw}": invalid reference format`,
      }
    }
    const canonical = canonicalName(ref)
    let image = this.find(`${ref.registry}/${ref.repository}`)
    if (!image && this.open) image = genericImage(`${ref.registry}/${ref.repository}`, ref.tag)
    if (!image) {
      return {
        ok: false,
        reason: 'ErrImagePull',
        message: `rpc error: code = Unknown desc = failed to pull and unpack image "${canonical}": failed to resolve reference "${canonical}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      }
    }
    if (ref.tag !== undefined && !image.tags.includes(ref.tag) && !this.open) {
      return {
        ok: false,
        reason: 'ErrImagePull',
        message: `rpc error: code = NotFound desc = failed to pull and unpack image "${canonical}": failed to resolve reference "${canonical}": ${canonical}: not found`,
      }
    }
    return {
      ok: true,
      image,
      sizeBytes: image.sizeBytes,
      imageId: this.imageIdOf(`${ref.registry}/${ref.repository}`, canonical),
      behaviour: (ref.tag !== undefined && image.tagBehaviours?.[ref.tag]) || image.behaviour,
    }
  }
}

/** What the open registry runs for an image nobody described: a server on the container's ports, healthy on every path. */
function genericImage(name: string, tag: string | undefined): CatalogImage {
  return {
    name,
    tags: tag ? [tag] : [],
    sizeBytes: 50 * 2 ** 20,
    behaviour: {
      entrypoint: 'server',
      serverCommands: [],
      hasShell: true,
      ports: [],
      listensOnDeclaredPorts: true,
      healthPaths: ['*'],
      startupMs: 1000,
      stopMs: 100,
      memoryBytes: 32 * 2 ** 20,
      cpuMillis: 10,
    },
  }
}

/** A stable fake digest per canonical name (FNV-1a, repeated to 64 hex characters). */
function digestOf(text: string): string {
  let out = ''
  let h = 0x811c9dc5
  while (out.length < 64) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    out += h.toString(16).padStart(8, '0')
  }
  return out
}
