/**
 * An instructor's mistake or a problem of the grading machine (a missing folder, a stale
 * manifest, a full disk): its message is one line naming the cause and the fix. The CLI prints
 * the message alone, without a stack trace, and exits with status 2.
 */
export class InstructorError extends Error {
  override name = "InstructorError";
}
