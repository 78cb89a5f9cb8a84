/**
 * The key of one run of an experiment, shared by the experiment state and checkpoint files.
 * @module
 */

/** Key of a (variant, replication) pair. @internal */
export function runKey(variant: string, replication: number): string {
  return `${replication}\u0000${variant}`;
}
