import type { Container } from '../api/core'
import type { ImageBehaviour } from './catalog'

/** The ports a running server listens on: the image's own, or those the container declares (generic images). */
export function listeningPorts(
  behaviour: ImageBehaviour | undefined,
  container: Container,
): readonly number[] {
  if (!behaviour) return []
  if (behaviour.listensOnDeclaredPorts) return (container.ports ?? []).map((p) => p.containerPort)
  return behaviour.ports
}

/** Whether an HTTP GET of `path` answers 200 (before any `healthyForMs` runs out). */
export function servesPath(behaviour: ImageBehaviour | undefined, path: string): boolean {
  const paths = behaviour?.healthPaths ?? []
  return paths.includes('*') || paths.includes(path)
}
