package io.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * A JDBC client in a JVM whose default time zone is New York's, binding one instant every way a
 * client may: the count of events from it must be the one the parent test computed, and the
 * value read back must be that instant. Run by BoundParametersTest with
 * {@code -Duser.timezone=America/New_York}; arguments: URL, the instant (epoch ms), the count.
 */
public final class NewYorkClient {
  static final String PASSED = "New York client: all bindings passed";
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  public static void main(String[] args) throws Exception {
    assertThat(TimeZone.getDefault().getID()).isEqualTo(NEW_YORK.getId());
    String url = args[0];
    Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
    long expected = Long.parseLong(args[2]);
    LocalDateTime utcWallClock = LocalDateTime.ofInstant(from, ZoneOffset.UTC);
    String text = utcWallClock.toString().replace('T', ' ');
    String cast = "SELECT COUNT(*) FROM events WHERE event_time >= CAST(? AS TIMESTAMP)";
    String plain = "SELECT COUNT(*) FROM events WHERE event_time >= ?";
    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(count(c, cast, p -> p.setString(1, text))).as(text).isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setString(1, text))).as(text).isEqualTo(expected);
      String offset = OffsetDateTime.ofInstant(from, NEW_YORK).toString();
      assertThat(count(c, plain, p -> p.setString(1, offset))).as(offset).isEqualTo(expected);
      assertThat(count(c, cast, p -> p.setObject(1, from))).as("Instant").isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setObject(1, OffsetDateTime.ofInstant(from, NEW_YORK))))
          .as("OffsetDateTime").isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setObject(1, from.atZone(NEW_YORK))))
          .as("ZonedDateTime").isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setObject(1, utcWallClock))).as("LocalDateTime (UTC)")
          .isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setObject(1, utcWallClock, Types.TIMESTAMP)))
          .as("LocalDateTime with a target type").isEqualTo(expected);
      assertThat(count(c, plain, p -> p.setTimestamp(1, Timestamp.from(from), utc())))
          .as("setTimestamp with a UTC Calendar").isEqualTo(expected);
      // Without a Calendar, JDBC binds the wall-clock time the Timestamp shows in the client's
      // zone: Timestamp.valueOf of the UTC wall-clock time is that time.
      assertThat(count(c, plain, p -> p.setTimestamp(1, Timestamp.valueOf(utcWallClock))))
          .as("setTimestamp without a Calendar").isEqualTo(expected);

      // Read back: the same instant, whichever way it went in.
      assertThat(echo(c, p -> p.setObject(1, from))).isEqualTo(text);
      assertThat(echo(c, p -> p.setString(1, from.toString()))).isEqualTo(text);
      try (PreparedStatement p = c.prepareStatement("SELECT CAST(? AS TIMESTAMP)")) {
        p.setObject(1, from.atZone(NEW_YORK));
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          assertThat(rs.getTimestamp(1, utc()).toInstant()).isEqualTo(from);
          // Without a Calendar, read as bound: the wall-clock time, in the client's zone.
          assertThat(rs.getTimestamp(1).toLocalDateTime()).isEqualTo(utcWallClock);
        }
      }
    }
    System.out.println(PASSED);
  }

  private static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  private static long count(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String echo(Connection c, Binder binder) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT CAST(? AS TIMESTAMP)")) {
      binder.bind(p);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private NewYorkClient() {
  }
}
