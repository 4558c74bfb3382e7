package io.tiergate.server.error;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Calcite's parser and validator errors as the client should read them. Their own messages are
 * good ("Column 'nope' not found in any table"); what needs work is around them: the parser
 * appends every token it could have expected (hundreds), the validator puts the position first
 * ("From line 1, column 8 to line 1, column 11: ..."), and neither says which SQLState applies.
 * Calcite's validator exceptions carry no error key, so the kind comes from the message,
 * whose wording is Calcite's resource bundle (CalciteResource.properties).
 */
final class CalciteErrors {
  /** Longer lists of expected tokens say nothing a user can act on. */
  private static final int MAX_EXPECTED_TOKENS = 8;

  private static final Pattern UNKNOWN_COLUMN = Pattern.compile(
      "^(Column '.*' not found|Unknown identifier|Unknown field|Unknown target column)");
  private static final Pattern UNKNOWN_TABLE = Pattern.compile(
      "^(Object '.*' not found|Table '.*' not found|Schema '.*' not found|View '.*' not found)");
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile(
      "^(No match found for function signature|Function '.*' not found)");
  private static final Pattern TYPE_MISMATCH = Pattern.compile(
      "^(Cannot apply|Cannot assign|Illegal mixing of types|Incompatible types|Type mismatch"
          + "|Values (passed to|in expression list).* must have compatible types"
          + "|Cannot infer return type|Cast function cannot convert)");

  private CalciteErrors() {
  }

  /** The parse or validation error in {@code chain}, or null when there is none. */
  static ClientError find(List<Throwable> chain) {
    SqlParseException parse = Causes.first(chain, SqlParseException.class);
    if (parse != null) {
      return new ClientError(ErrorKind.SYNTAX_ERROR, syntax(parse));
    }
    CalciteContextException context = Causes.first(chain, CalciteContextException.class);
    if (context != null) {
      String reason = validatorMessage(context);
      return new ClientError(validationKind(reason), reason + position(context));
    }
    SqlValidatorException validator = Causes.first(chain, SqlValidatorException.class);
    if (validator != null) {
      return new ClientError(validationKind(validator.getMessage()), validator.getMessage());
    }
    return null;
  }

  static ErrorKind validationKind(String message) {
    if (UNKNOWN_COLUMN.matcher(message).find()) {
      return ErrorKind.UNKNOWN_COLUMN;
    }
    if (UNKNOWN_TABLE.matcher(message).find()) {
      return ErrorKind.UNKNOWN_TABLE;
    }
    if (UNKNOWN_FUNCTION.matcher(message).find()) {
      return ErrorKind.UNKNOWN_FUNCTION;
    }
    if (TYPE_MISMATCH.matcher(message).find()) {
      return ErrorKind.TYPE_MISMATCH;
    }
    return ErrorKind.INVALID_STATEMENT;
  }

  /** The validator's words without the "From line 1, column 8 to ...: " before them. */
  private static String validatorMessage(CalciteContextException context) {
    Throwable cause = context.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().isBlank()) {
      return cause.getMessage();
    }
    String message = String.valueOf(context.getMessage());
    int colon = message.startsWith("From line ") ? message.indexOf(": ") : -1;
    return colon < 0 ? message : message.substring(colon + 2);
  }

  private static String position(CalciteContextException context) {
    return context.getPosLine() <= 0 ? ""
        : " (line " + context.getPosLine() + ", column " + context.getPosColumn() + ")";
  }

  /**
   * "Syntax error at line 1, column 1: Encountered "SELEC"", then what was expected when that
   * is a short list.
   */
  static String syntax(SqlParseException e) {
    String message = String.valueOf(e.getMessage()).strip();
    int expecting = message.indexOf("Was expecting");
    String first = (expecting < 0 ? message : message.substring(0, expecting)).strip()
        .replaceAll("\\s+", " ");
    if (first.endsWith(".")) {
      first = first.substring(0, first.length() - 1);
    }
    SqlParserPos pos = e.getPos();
    StringBuilder reason = new StringBuilder("Syntax error");
    if (pos != null && pos.getLineNum() > 0 && !first.contains("line " + pos.getLineNum())) {
      reason.append(" at line ").append(pos.getLineNum()).append(", column ")
          .append(pos.getColumnNum());
    }
    reason.append(": ").append(first);
    if (expecting >= 0) {
      var expected = e.getExpectedTokenNames();
      if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED_TOKENS) {
        reason.append("; expected one of ").append(String.join(", ", expected));
      }
    }
    return reason.toString();
  }
}
