package io.tiergate.jdbc;

/** A statement of this driver: it keeps the warnings of its last execution. */
interface WarnedStatement {
  ServerWarnings serverWarnings();
}
