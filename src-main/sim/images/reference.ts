/**
 * Image references as the container runtime normalises them: `nginx:1.27` is
 * `docker.io/library/nginx:1.27`, a missing tag means `latest`.
 */
export interface ImageReference {
  /** What the user wrote. */
  readonly raw: string
  /** `docker.io`, `gcr.io`, `registry.k8s.io`… */
  readonly registry: string
  /** `library/nginx`, `google-samples/hello-app`. */
  readonly repository: string
  readonly tag?: string
  readonly digest?: string
}

const REFERENCE =
  /^(?:([a-zA-Z0-9.-]+(?::\d+)?)\/)?([a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/

/** Parses a reference, or returns undefined when the runtime would call it `InvalidImageName`. */
export function parseImageReference(raw: string): ImageReference | undefined {
  const m = REFERENCE.exec(raw.trim())
  if (!m) return undefined
  let [, registry, repository] = m
  const [, , , tag, digest] = m
  // A first path component without a dot, colon or "localhost" is a Docker Hub namespace, not a registry.
  if (registry && !registry.includes('.') && !registry.includes(':') && registry !== 'localhost') {
    repository = `${registry}/${repository}`
    registry = undefined
  }
  registry ??= 'docker.io'
  if (registry === 'docker.io' && !repository!.includes('/')) repository = `library/${repository}`
  return {
    raw,
    registry,
    repository: repository!,
    tag: tag ?? (digest ? undefined : 'latest'),
    digest,
  }
}

/** `docker.io/library/nginx:1.27`: how containerd names the image in its errors. */
export function canonicalName(ref: ImageReference): string {
  const base = `${ref.registry}/${ref.repository}`
  if (ref.digest) return ref.tag ? `${base}:${ref.tag}@${ref.digest}` : `${base}@${ref.digest}`
  return `${base}:${ref.tag}`
}
