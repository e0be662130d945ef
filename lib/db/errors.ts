// Prisma's error codes the domain turns into its own errors.

/** A unique constraint refused the write (P2002): two requests raced for the same name. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown })?.code === "P2002";

/** An update or delete found no row matching its where (P2025): the row is gone, or changed since it was read. */
export const isRecordNotFound = (error: unknown): boolean => (error as { code?: unknown })?.code === "P2025";
