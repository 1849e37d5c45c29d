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

/** How a server answers an HTTP request: it is not listening on the port, or a status code. */
export type ServerAnswer = 'refused' | 200 | 404 | 500

/**
 * How a container's server answers `GET path` on `port`, `sinceStartMs` after
 * its process started: what probes and the traffic simulator both ask.
 */
export function serverAnswer(
  behaviour: ImageBehaviour | undefined,
  container: Container,
  listensAtMs: number | undefined,
  sinceStartMs: number,
  port: number,
  path: string,
): ServerAnswer {
  const listening = listensAtMs !== undefined && sinceStartMs >= listensAtMs
  if (!listening || !listeningPorts(behaviour, container).includes(port)) return 'refused'
  if (!servesPath(behaviour, path)) return 404
  const healthyFor = behaviour?.healthyForMs
  if (healthyFor !== undefined && sinceStartMs - listensAtMs >= healthyFor) return 500
  return 200
}
