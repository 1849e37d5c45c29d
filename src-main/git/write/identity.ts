import fs from 'node:fs'
import git from 'isomorphic-git'
import type { Signature } from '../objects/commit-text'

export interface Identity {
  name: string
  email: string
}

/** Who Drydock's commits are by when neither the caller nor the repository says. */
export const DRYDOCK_IDENTITY: Identity = { name: 'Drydock', email: 'drydock@localhost' }

/** `user.name` and `user.email` from the repository's `.git/config`, else Drydock's own. */
export async function repositoryIdentity(gitdir: string): Promise<Identity> {
  const read = async (key: string): Promise<string | undefined> => {
    const value: unknown = await git.getConfig({ fs, gitdir, path: key }).catch(() => undefined)
    return typeof value === 'string' && value.trim() ? value.trim() : undefined
  }
  const name = await read('user.name')
  const email = await read('user.email')
  if (name && email) return { name, email }
  return DRYDOCK_IDENTITY
}

/** A signature at `timeMs`, in the machine's time zone as git writes it. */
export function signatureAt(identity: Identity, timeMs: number): Signature {
  return {
    ...identity,
    timestampMs: timeMs,
    timezoneOffsetMinutes: -new Date(timeMs).getTimezoneOffset(),
  }
}
