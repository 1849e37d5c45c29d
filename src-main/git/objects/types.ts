export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag'

/** An object's type and its content, without git's `<type> <size>\0` header. */
export interface GitObject {
  type: ObjectType
  data: Buffer
}

/** Pack type numbers (gitformat-pack(5)); 6 and 7 are deltas against another object. */
export const packTypes: Record<number, ObjectType | 'ofs-delta' | 'ref-delta' | undefined> = {
  1: 'commit',
  2: 'tree',
  3: 'blob',
  4: 'tag',
  6: 'ofs-delta',
  7: 'ref-delta',
}
