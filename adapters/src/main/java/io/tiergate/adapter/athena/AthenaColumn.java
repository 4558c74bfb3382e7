package io.tiergate.adapter.athena;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A result or table column as Athena describes it: its type name without parameters
 * ({@code varchar}, {@code timestamp}, {@code decimal}), precision and scale. Athena returns
 * every value as text; {@link #parse} turns it into the Java value JDBC would return.
 */
public record AthenaColumn(String name, String type, int precision, int scale,
    boolean nullable) {

  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter(Locale.ROOT);
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter(Locale.ROOT);

  public AthenaColumn {
    type = type.toLowerCase(Locale.ROOT);
  }

  /**
   * A column from a type text as information_schema shows it: {@code timestamp(3)},
   * {@code decimal(10,2)}, {@code varchar(20)}, {@code array(varchar)}. Precision without
   * parameters: timestamps 3 (Athena's milliseconds), varchar unbounded, other types 0.
   */
  public static AthenaColumn ofTypeText(String name, String typeText, boolean nullable) {
    String text = typeText.trim().toLowerCase(Locale.ROOT);
    int open = text.indexOf('(');
    String base = open < 0 ? text : text.substring(0, open).trim();
    int precision = base.equals("timestamp") || base.equals("time") ? 3
        : base.equals("varchar") ? Integer.MAX_VALUE : 0;
    int scale = 0;
    if (open > 0 && !base.equals("array") && !base.equals("map") && !base.equals("row")) {
      String[] args = text.substring(open + 1, text.lastIndexOf(')')).split(",");
      precision = Integer.parseInt(args[0].trim());
      scale = args.length > 1 ? Integer.parseInt(args[1].trim()) : 0;
    }
    return new AthenaColumn(name, base, precision, scale, nullable);
  }

  /** The {@link Types} constant of this column's type. */
  public int jdbcType() {
    return switch (type) {
      case "boolean" -> Types.BOOLEAN;
      case "tinyint" -> Types.TINYINT;
      case "smallint" -> Types.SMALLINT;
      case "integer", "int" -> Types.INTEGER;
      case "bigint" -> Types.BIGINT;
      case "real", "float" -> Types.REAL;
      case "double" -> Types.DOUBLE;
      case "decimal" -> Types.DECIMAL;
      case "varchar", "string" -> Types.VARCHAR;
      case "char" -> Types.CHAR;
      case "varbinary" -> Types.VARBINARY;
      case "date" -> Types.DATE;
      case "time" -> Types.TIME;
      case "timestamp" -> Types.TIMESTAMP;
      case "timestamp with time zone" -> Types.TIMESTAMP_WITH_TIMEZONE;
      case "array" -> Types.ARRAY;
      default -> Types.JAVA_OBJECT;
    };
  }

  /** The Java value of Athena's text for a value of this column; null stays null. */
  public Object parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return switch (type) {
        case "boolean" -> Boolean.parseBoolean(text);
        case "tinyint" -> Byte.parseByte(text);
        case "smallint" -> Short.parseShort(text);
        case "integer", "int" -> Integer.parseInt(text);
        case "bigint" -> Long.parseLong(text);
        case "real", "float" -> Float.parseFloat(text);
        case "double" -> Double.parseDouble(text);
        case "decimal" -> new BigDecimal(text);
        case "date" -> LocalDate.parse(text);
        case "time" -> LocalTime.parse(text, TIME);
        case "timestamp" -> LocalDateTime.parse(text, TIMESTAMP);
        default -> text;
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("column " + name + " (" + type + "): cannot read '"
          + text + "'", e);
    }
  }
}
