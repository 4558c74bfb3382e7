package io.tiergate.planner.range;

import static io.tiergate.planner.range.TimeRangeSet.ALL;
import static io.tiergate.planner.range.TimeRangeSet.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each construct the extractor understands, on conditions exactly as Calcite converts them from
 * SQL, both as converted and as RexSimplify rewrites them (SEARCH/Sarg); and each construct it
 * deliberately does not, which must come out as all time.
 */
class TimeRangeExtractorTest {
  private static final long DAY = 86_400_000L;
  private static final long JAN_1 = ts("2024-01-01 00:00:00");
  private static final EvaluationContext NOW =
      EvaluationContext.atExecution(ts("2024-03-31 12:34:56.789"));

  private final EventsConditions sql = new EventsConditions();
  private final TimeRangeExtractor extractor = new TimeRangeExtractor(EventsConditions.TIME_COLUMN);

  @Nested class Comparisons {
    @Test void boundsAreHalfOpenAtMillisecondPrecision() {
      assertRange("event_time >= TIMESTAMP '2024-01-01 00:00:00'", TimeRangeSet.atLeast(JAN_1));
      assertRange("event_time > TIMESTAMP '2024-01-01 00:00:00'", TimeRangeSet.atLeast(JAN_1 + 1));
      assertRange("event_time < TIMESTAMP '2024-01-01 00:00:00'", TimeRangeSet.lessThan(JAN_1));
      assertRange("event_time <= TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.lessThan(JAN_1 + 1));
      assertRange("event_time <= TIMESTAMP '2024-02-01 00:00:00.123'",
          TimeRangeSet.lessThan(ts("2024-02-01 00:00:00.124")));
    }

    @Test void equalsIsOneMillisecondAndNotEqualsTwoRanges() {
      assertRange("event_time = TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.of(JAN_1, JAN_1 + 1));
      TimeRangeSet notJan1 = TimeRangeSet.lessThan(JAN_1).union(TimeRangeSet.atLeast(JAN_1 + 1));
      assertRange("event_time <> TIMESTAMP '2024-01-01 00:00:00'", notJan1);
      assertThat(notJan1.slices()).hasSize(2);
    }

    @Test void columnOnTheRightFlipsTheOperator() {
      assertRange("TIMESTAMP '2024-01-01 00:00:00' > event_time", TimeRangeSet.lessThan(JAN_1));
      assertRange("TIMESTAMP '2024-01-01 00:00:00' <= event_time", TimeRangeSet.atLeast(JAN_1));
    }

    @Test void betweenIsInclusiveAtBothEnds() {
      assertRange("event_time BETWEEN TIMESTAMP '2024-01-01 00:00:00'"
              + " AND TIMESTAMP '2024-02-01 00:00:00.123'",
          TimeRangeSet.of(JAN_1, ts("2024-02-01 00:00:00.124")));
      assertThat(sql.simplifiedWhere("event_time BETWEEN TIMESTAMP '2024-01-01 00:00:00'"
          + " AND TIMESTAMP '2024-02-01 00:00:00'").toString()).startsWith("SEARCH(");
    }

    @Test void betweenWithTheBoundsReversedIsEmpty() {
      String p = "event_time BETWEEN TIMESTAMP '2024-02-01 00:00:00'"
          + " AND TIMESTAMP '2024-01-01 00:00:00'";
      assertRange(p, NONE);
      assertRange("NOT (" + p + ")", ALL);
      // What Calcite's RelBuilder makes of it in a projection: FALSE, or NULL for a NULL time.
      RexNode timeAgainstItself = sql.rexBuilder().makeCall(SqlStdOperatorTable.NOT_EQUALS,
          sql.timeColumn(), sql.timeColumn());
      assertThat(extractor.extract(timeAgainstItself)).isEqualTo(NONE);
      assertThat(extractor.extract(sql.rexBuilder().makeCall(SqlStdOperatorTable.NOT,
          timeAgainstItself))).isEqualTo(ALL);
    }

    @Test void notBetweenIsBothSides() {
      assertRange("event_time NOT BETWEEN TIMESTAMP '2024-01-01 00:00:00'"
              + " AND TIMESTAMP '2024-01-02 00:00:00'",
          TimeRangeSet.lessThan(JAN_1).union(TimeRangeSet.atLeast(JAN_1 + DAY + 1)));
    }

    @Test void inListIsPointsAndNotInTheGapsBetween() {
      TimeRangeSet points = TimeRangeSet.point(JAN_1).union(TimeRangeSet.point(JAN_1 + DAY));
      assertRange("event_time IN (TIMESTAMP '2024-01-01 00:00:00',"
          + " TIMESTAMP '2024-01-02 00:00:00')", points);
      assertRange("event_time NOT IN (TIMESTAMP '2024-01-01 00:00:00',"
          + " TIMESTAMP '2024-01-02 00:00:00')", points.complement());
    }

    @Test void dateLiteralAgainstTheTimestampColumnIsMidnight() {
      assertRange("event_time >= DATE '2024-01-01'", TimeRangeSet.atLeast(JAN_1));
      assertRange("event_time < DATE '2024-01-02'", TimeRangeSet.lessThan(JAN_1 + DAY));
    }

    @Test void characterLiteralsAreParsedAsCalciteDoes() {
      assertRange("event_time > '2024-01-01 10:00:00'",
          TimeRangeSet.atLeast(ts("2024-01-01 10:00:00") + 1));
      assertRange("event_time > CAST('2024-01-01 10:00:00' AS TIMESTAMP)",
          TimeRangeSet.atLeast(ts("2024-01-01 10:00:00") + 1));
      assertRange("event_time >= CAST('2024-01-01' AS DATE)", TimeRangeSet.atLeast(JAN_1));
    }

    @Test void characterParameterCastToTimestamp() {
      String predicate = "event_time >= CAST(CAST(? AS VARCHAR(30)) AS TIMESTAMP(3))";
      assertRange(predicate, NOW.withParameters("2024-01-01 00:00:00.250"),
          TimeRangeSet.atLeast(JAN_1 + 250));
      // Calcite fails such a query when it runs; "all time" is as good as any answer then.
      assertRange(predicate, NOW.withParameters("not a time"), ALL);
    }

    /**
     * RelBuilder can merge {@code t < TIMESTAMP WITH LOCAL TIME ZONE '...00.17' OR t NOT IN
     * (TIMESTAMP '...51.693', ...)} into one Sarg of precision 2 holding .693; executing it
     * compares with .69 (the value truncated to the Sarg's type), simplifying with .693.
     */
    @Test void sargValuesFinerThanTheSargTypeCoverBothReadings() {
      long point = ts("1992-08-18 00:53:51.693");
      RexBuilder rex = sql.rexBuilder();
      RelDataType ltz2 = rex.getTypeFactory()
          .createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 2);
      Sarg<TimestampString> notThatPoint = Sarg.of(RexUnknownAs.UNKNOWN, ImmutableRangeSet.of(
          Range.singleton(new TimestampString("1992-08-18 00:53:51.693"))).complement());
      RexNode notIn = rex.makeCall(SqlStdOperatorTable.SEARCH, sql.timeColumn(),
          rex.makeSearchArgumentLiteral(notThatPoint, ltz2));
      TimeRangeSet extracted = extractor.extract(notIn);
      assertThat(extracted.contains(point)).isTrue();
      assertThat(extracted.contains(ts("1992-08-18 00:53:51.690"))).isTrue();
      assertThat(extracted).isEqualTo(ALL);

      Sarg<TimestampString> thatPoint = Sarg.of(RexUnknownAs.UNKNOWN, ImmutableRangeSet.of(
          Range.singleton(new TimestampString("1992-08-18 00:53:51.693"))));
      RexNode in = rex.makeCall(SqlStdOperatorTable.SEARCH, sql.timeColumn(),
          rex.makeSearchArgumentLiteral(thatPoint, ltz2));
      assertThat(extractor.extract(in)).isEqualTo(TimeRangeSet.of(point - 3, point + 1));
      assertThat(extractor.extract(rex.makeCall(SqlStdOperatorTable.NOT, in))).isEqualTo(ALL);
    }

    @Test void timestampWithLocalTimeZoneLiteralComparesAsItsUtcInstant() {
      assertRange("event_time > TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00.500'",
          TimeRangeSet.atLeast(JAN_1 + 501));
    }

    @Test void zoneConversionsAreNotUnderstood() {
      assertRange("event_time > TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00 UTC'", ALL);
      assertRange("CAST(event_time AS TIMESTAMP WITH LOCAL TIME ZONE)"
          + " > TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00'", ALL);
    }
  }

  @Nested class BooleanStructure {
    @Test void andIntersectsOrUnites() {
      assertRange("event_time >= TIMESTAMP '2024-01-01 00:00:00'"
              + " AND event_time < TIMESTAMP '2024-02-01 00:00:00'",
          TimeRangeSet.of(JAN_1, ts("2024-02-01 00:00:00")));
      assertRange("event_time < TIMESTAMP '2024-01-01 00:00:00'"
              + " OR event_time >= TIMESTAMP '2024-03-01 00:00:00'",
          TimeRangeSet.lessThan(JAN_1).union(TimeRangeSet.atLeast(ts("2024-03-01 00:00:00"))));
    }

    @Test void contradictionIsNone() {
      assertRange("event_time > TIMESTAMP '2024-01-01 00:00:00'"
          + " AND event_time < TIMESTAMP '2024-01-01 00:00:00'", NONE);
    }

    @Test void notComplementsWhatIsUnderstood() {
      assertRange("NOT (event_time > TIMESTAMP '2024-01-01 00:00:00')",
          TimeRangeSet.atMost(JAN_1));
      assertThat(extractor.extract(sql.where("NOT (event_time >= TIMESTAMP '2024-01-01 00:00:00'"
          + " OR event_time < TIMESTAMP '2023-01-01 00:00:00')")))
          .isEqualTo(TimeRangeSet.of(ts("2023-01-01 00:00:00"), JAN_1));
    }

    @Test void unknownConjunctKeepsTheOtherSide() {
      assertRange("event_time > TIMESTAMP '2024-01-01 00:00:00' AND tenant_id = 'a'",
          TimeRangeSet.atLeast(JAN_1 + 1));
    }

    @Test void unknownDisjunctIsAllTime() {
      assertRange("event_time > TIMESTAMP '2024-01-01 00:00:00' OR tenant_id = 'a'", ALL);
    }

    @Test void notOfSomethingHalfUnderstoodIsAllTime() {
      assertRange("NOT (event_time > TIMESTAMP '2024-01-01 00:00:00' AND tenant_id = 'a')", ALL);
      assertRange("NOT (event_time > TIMESTAMP '2024-01-01 00:00:00' OR tenant_id = 'a')",
          TimeRangeSet.atMost(JAN_1));
    }

    @Test void truthTests() {
      String p = "(event_time > TIMESTAMP '2024-01-01 00:00:00')";
      assertRange(p + " IS TRUE", TimeRangeSet.greaterThan(JAN_1));
      assertRange(p + " IS NOT TRUE", TimeRangeSet.atMost(JAN_1));
      assertRange(p + " IS FALSE", TimeRangeSet.atMost(JAN_1));
      assertRange(p + " IS NOT FALSE", TimeRangeSet.greaterThan(JAN_1));
      assertRange(p + " IS NULL", NONE);
      assertRange(p + " IS NOT NULL", ALL);
    }

    @Test void caseIsUnderstoodOnlyOnceSimplifiedToAnd() {
      String p = "CASE WHEN tenant_id = 'a' THEN event_time > TIMESTAMP '2024-01-01 00:00:00'"
          + " ELSE false END";
      assertThat(extractor.extract(sql.where(p))).isEqualTo(ALL);
      assertThat(extractor.extract(sql.simplifiedWhere(p)))
          .isEqualTo(TimeRangeSet.greaterThan(JAN_1));
    }

    @Test void isNotDistinctFromAsConvertedAndAsSimplified() {
      assertThat(sql.where("event_time IS NOT DISTINCT FROM TIMESTAMP '2024-01-01 00:00:00'")
          .toString()).startsWith("OR(AND(IS NULL($0)");
      assertRange("event_time IS NOT DISTINCT FROM TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.point(JAN_1));
      assertRange("event_time IS DISTINCT FROM TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.point(JAN_1).complement());
    }
  }

  @Nested class Nulls {
    @Test void isNullSelectsNoTimeAndIsNotNullAll() {
      assertRange("event_time IS NULL", NONE);
      assertRange("event_time IS NOT NULL", ALL);
      assertRange("CAST(event_time AS DATE) IS NULL", NONE);
      assertRange("event_time >= TIMESTAMP '2024-01-01 00:00:00' OR event_time IS NULL",
          TimeRangeSet.atLeast(JAN_1));
    }

    @Test void comparisonWithNullLiteralIsNeverTrue() {
      assertRange("event_time = NULL", NONE);
      assertRange("event_time > CAST(NULL AS TIMESTAMP(3))", NONE);
    }

    @Test void comparisonWithNullParameterIsNeverTrueNorFalse() {
      EvaluationContext nullParameter = NOW.withParameters((Object) null);
      assertRange("event_time > ?", nullParameter, NONE);
      assertRange("NOT (event_time > ?)", nullParameter, NONE);
      assertRange("(event_time > ?) IS NULL", nullParameter, ALL);
      assertRange("(event_time > ?) IS NOT TRUE", nullParameter, ALL);
      assertRange("event_time > ? OR event_time < TIMESTAMP '2024-01-01 00:00:00'",
          nullParameter, TimeRangeSet.lessThan(JAN_1));
    }
  }

  @Nested class CastsAndTruncations {
    @Test void castToDateIsTheWholeDay() {
      assertRange("CAST(event_time AS DATE) = DATE '2024-01-01'",
          TimeRangeSet.of(JAN_1, JAN_1 + DAY));
      assertRange("CAST(event_time AS DATE) > DATE '2024-01-01'",
          TimeRangeSet.atLeast(JAN_1 + DAY));
      assertRange("CAST(event_time AS DATE) <= DATE '2024-01-01'",
          TimeRangeSet.lessThan(JAN_1 + DAY));
      assertRange("CAST(event_time AS DATE) BETWEEN DATE '2024-01-01' AND DATE '2024-01-03'",
          TimeRangeSet.of(JAN_1, JAN_1 + 3 * DAY));
      assertRange("CAST(event_time AS DATE) IN (DATE '2024-01-01', DATE '2024-01-03')",
          TimeRangeSet.of(JAN_1, JAN_1 + DAY)
              .union(TimeRangeSet.of(JAN_1 + 2 * DAY, JAN_1 + 3 * DAY)));
    }

    @Test void castToDateBeforeTheEpochFloorsToTheDay() {
      long dec31of1969 = ts("1969-12-31 00:00:00");
      assertRange("CAST(event_time AS DATE) = DATE '1969-12-31'",
          TimeRangeSet.of(dec31of1969, dec31of1969 + DAY));
    }

    @Test void castToLowerPrecisionCoversEveryEngine() {
      // Calcite keeps the milliseconds, Trino and PostgreSQL round, others truncate: the range
      // must hold for all of them, from half a second before to a second after.
      assertRange("CAST(event_time AS TIMESTAMP(0)) = TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.of(JAN_1 - 500, JAN_1 + 1000));
      assertRange("CAST(event_time AS TIMESTAMP(0)) > TIMESTAMP '2024-01-01 00:00:00.567'",
          TimeRangeSet.atLeast(JAN_1 + 500));
      assertRange("CAST(event_time AS TIMESTAMP(1)) < TIMESTAMP '2024-01-01 00:00:00.5'",
          TimeRangeSet.lessThan(JAN_1 + 500));
      assertRange("CAST(event_time AS TIMESTAMP(3)) >= TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.atLeast(JAN_1));
    }

    @Test void floorToUnits() {
      assertRange("FLOOR(event_time TO DAY) = DATE '2024-01-01'",
          TimeRangeSet.of(JAN_1, JAN_1 + DAY));
      assertRange("FLOOR(event_time TO MONTH) >= TIMESTAMP '2024-03-01 00:00:00'",
          TimeRangeSet.atLeast(ts("2024-03-01 00:00:00")));
      assertRange("FLOOR(event_time TO MONTH) > TIMESTAMP '2024-02-01 00:00:00'",
          TimeRangeSet.atLeast(ts("2024-03-01 00:00:00")));
      assertRange("FLOOR(event_time TO MONTH) >= TIMESTAMP '2024-02-15 00:00:00'",
          TimeRangeSet.atLeast(ts("2024-03-01 00:00:00")));
      assertRange("FLOOR(event_time TO YEAR) = TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.of(JAN_1, ts("2025-01-01 00:00:00")));
      assertRange("FLOOR(event_time TO QUARTER) < TIMESTAMP '2024-04-01 00:00:00'",
          TimeRangeSet.lessThan(ts("2024-04-01 00:00:00")));
      assertRange("FLOOR(event_time TO MINUTE) <= TIMESTAMP '2024-01-01 10:00:00'",
          TimeRangeSet.lessThan(ts("2024-01-01 10:01:00")));
      assertRange("FLOOR(event_time TO SECOND) = TIMESTAMP '2024-01-01 10:00:00'",
          TimeRangeSet.of(ts("2024-01-01 10:00:00"), ts("2024-01-01 10:00:01")));
    }

    @Test void floorBetweenBecomesSearchOnTheFloor() {
      String p = "FLOOR(event_time TO HOUR) BETWEEN TIMESTAMP '2024-01-01 10:00:00'"
          + " AND TIMESTAMP '2024-01-01 12:00:00'";
      assertThat(sql.simplifiedWhere(p).toString()).startsWith("SEARCH(FLOOR(");
      assertRange(p, TimeRangeSet.of(ts("2024-01-01 10:00:00"), ts("2024-01-01 13:00:00")));
    }

    @Test void floorOfADateToMonth() {
      assertRange("FLOOR(CAST(event_time AS DATE) TO MONTH) = DATE '2024-02-01'",
          TimeRangeSet.of(ts("2024-02-01 00:00:00"), ts("2024-03-01 00:00:00")));
    }

    @Test void ceilToUnits() {
      assertRange("CEIL(event_time TO HOUR) < TIMESTAMP '2024-03-01 10:00:00'",
          TimeRangeSet.lessThan(ts("2024-03-01 09:00:00") + 1));
      assertRange("CEIL(event_time TO DAY) = TIMESTAMP '2024-01-02 00:00:00'",
          TimeRangeSet.of(JAN_1 + 1, JAN_1 + DAY + 1));
      assertRange("CEIL(event_time TO MONTH) >= TIMESTAMP '2024-03-01 00:00:00'",
          TimeRangeSet.atLeast(ts("2024-02-01 00:00:00") + 1));
    }

    @Test void weeksCoverSundayAndMondayStarts() {
      // Calcite's weeks start on Sunday (2024-03-03), date_trunc's in Trino/Redshift on Monday.
      assertRange("FLOOR(event_time TO WEEK) = TIMESTAMP '2024-03-03 00:00:00'",
          TimeRangeSet.of(ts("2024-03-03 00:00:00"), ts("2024-03-10 00:00:00")));
      assertRange("FLOOR(event_time TO WEEK) >= TIMESTAMP '2024-03-04 00:00:00'",
          TimeRangeSet.atLeast(ts("2024-03-04 00:00:00")));
      assertRange("FLOOR(event_time TO WEEK) < TIMESTAMP '2024-03-04 00:00:00'",
          TimeRangeSet.lessThan(ts("2024-03-10 00:00:00")));
    }

    @Test void extractYear() {
      TimeRangeSet year2024 = TimeRangeSet.of(JAN_1, ts("2025-01-01 00:00:00"));
      assertRange("EXTRACT(YEAR FROM event_time) = 2024", year2024);
      assertRange("EXTRACT(YEAR FROM event_time) IN (2023, 2024)",
          TimeRangeSet.of(ts("2023-01-01 00:00:00"), ts("2025-01-01 00:00:00")));
      assertRange("EXTRACT(YEAR FROM event_time) > 2023", TimeRangeSet.atLeast(JAN_1));
      assertRange("YEAR(event_time) = 2024", year2024);
    }

    @Test void otherDateFunctionsAreNotUnderstood() {
      assertRange("EXTRACT(MONTH FROM event_time) = 3", ALL);
      assertRange("EXTRACT(YEAR FROM event_time) > 2023.5", ALL);
      assertRange("CAST(event_time AS VARCHAR) LIKE '2024%'", ALL);
      assertRange("FLOOR(event_time TO MILLENNIUM) = TIMESTAMP '2001-01-01 00:00:00'", ALL);
    }
  }

  @Nested class IntervalArithmetic {
    @Test void currentTimestampMinusDays() {
      String p = "event_time >= CURRENT_TIMESTAMP - INTERVAL '7' DAY";
      assertThat(sql.where(p).toString()).contains("-(CURRENT_TIMESTAMP, 604800000:INTERVAL DAY)");
      assertRange(p, NOW, TimeRangeSet.atLeast(ts("2024-03-24 12:34:56.789")));
    }

    @Test void currentDateMinusAMonthIsCalendarCorrect() {
      assertRange("event_time >= CURRENT_DATE - INTERVAL '1' MONTH", NOW,
          TimeRangeSet.atLeast(ts("2024-02-29 00:00:00")));
      assertRange("event_time >= TIMESTAMP '2024-03-31 10:00:00' - INTERVAL '1' MONTH",
          TimeRangeSet.atLeast(ts("2024-02-29 10:00:00")));
      assertRange("event_time < TIMESTAMP '2023-01-31 00:00:00' + INTERVAL '1-1' YEAR TO MONTH",
          TimeRangeSet.lessThan(ts("2024-02-29 00:00:00")));
    }

    @Test void localTimestampAndCurrentDate() {
      EvaluationContext context = new EvaluationContext(List.of(),
          OptionalLong.of(ts("2024-03-31 12:00:00")), OptionalLong.of(ts("2024-03-31 14:00:00")));
      assertRange("event_time >= LOCALTIMESTAMP", context,
          TimeRangeSet.atLeast(ts("2024-03-31 14:00:00")));
      assertRange("event_time >= CURRENT_TIMESTAMP", context,
          TimeRangeSet.atLeast(ts("2024-03-31 12:00:00")));
      assertRange("CAST(event_time AS DATE) = CURRENT_DATE", context,
          TimeRangeSet.of(ts("2024-03-31 00:00:00"), ts("2024-04-01 00:00:00")));
    }

    @Test void parameterPlusInterval() {
      assertRange("event_time > CAST(? AS TIMESTAMP(3)) + INTERVAL '1' HOUR",
          NOW.withParameters(JAN_1), TimeRangeSet.atLeast(JAN_1 + 3_600_000 + 1));
    }

    @Test void checkedIntervalArithmeticAsJdbcPreparesIt() {
      RexNode checked = sql.checkedWhere("event_time > TIMESTAMPADD(WEEK, 2, TIMESTAMP "
          + "'2024-01-01 00:00:00')");
      assertThat(RexUtil.findOperatorCall(SqlStdOperatorTable.CHECKED_MULTIPLY, checked))
          .isNotNull();
      assertThat(extractor.extract(checked)).isEqualTo(TimeRangeSet.atLeast(JAN_1 + 14 * DAY + 1));
      assertRange("event_time >= TIMESTAMP '2024-01-01 00:00:00' - (INTERVAL '1' DAY"
          + " + INTERVAL '2' HOUR)", TimeRangeSet.atLeast(JAN_1 - DAY - 7_200_000));
      assertRange("event_time >= TIMESTAMP '2024-01-01 00:00:00' + -INTERVAL '1' DAY",
          TimeRangeSet.atLeast(JAN_1 - DAY));
    }

    @Test void timestampAdd() {
      assertRange("event_time > TIMESTAMPADD(DAY, CAST(? AS INTEGER),"
              + " TIMESTAMP '2024-01-01 00:00:00')",
          NOW.withParameters(3), TimeRangeSet.atLeast(JAN_1 + 3 * DAY + 1));
      assertRange("event_time > TIMESTAMPADD(MONTH, 1, CURRENT_DATE)", NOW,
          TimeRangeSet.atLeast(ts("2024-04-30 00:00:00") + 1));
      assertRange("event_time >= TIMESTAMPADD(WEEK, 2, TIMESTAMP '2024-01-01 00:00:00')",
          TimeRangeSet.atLeast(JAN_1 + 14 * DAY));
      assertRange("event_time >= TIMESTAMPADD(QUARTER, 2, TIMESTAMP '2024-01-01 00:00:00')",
          TimeRangeSet.atLeast(ts("2024-07-01 00:00:00")));
      assertRange("event_time >= TIMESTAMPADD(MICROSECOND, 1500, TIMESTAMP '2024-01-01 00:00:00')",
          ALL);
    }

    @Test void dateMinusHoursMovesByWholeDaysTowardZero() {
      assertRange("event_time >= DATE '2024-01-01' - INTERVAL '25' HOUR",
          TimeRangeSet.atLeast(JAN_1 - DAY));
      assertRange("event_time >= DATE '2024-01-01' - INTERVAL '23' HOUR",
          TimeRangeSet.atLeast(JAN_1));
    }

    @Test void intervalAddedToTheColumnShiftsTheRange() {
      assertRange("event_time + INTERVAL '1' DAY > TIMESTAMP '2024-01-02 00:00:00'",
          TimeRangeSet.atLeast(JAN_1 + 1));
      assertRange("event_time - INTERVAL '1' HOUR < TIMESTAMP '2024-01-01 00:00:00'",
          TimeRangeSet.lessThan(JAN_1 + 3_600_000));
      assertRange("event_time + INTERVAL '1' MONTH > TIMESTAMP '2024-01-02 00:00:00'", ALL);
    }

    @Test void comparingTheColumnWithItselfIsNotUnderstood() {
      assertRange("event_time > event_time - INTERVAL '1' DAY", ALL);
    }
  }

  @Nested class RuntimeValues {
    @Test void parametersAreResolvedFromTheContext() {
      assertRange("event_time > ?", NOW.withParameters(JAN_1), TimeRangeSet.atLeast(JAN_1 + 1));
      assertRange("event_time BETWEEN ? AND ?",
          NOW.withParameters(LocalDateTime.of(2024, 1, 1, 0, 0),
              java.sql.Timestamp.valueOf("2024-01-02 00:00:00")),
          TimeRangeSet.of(JAN_1, JAN_1 + DAY + 1));
      assertRange("event_time IN (TIMESTAMP '2024-01-01 00:00:00', ?)",
          NOW.withParameters(JAN_1 + DAY),
          TimeRangeSet.point(JAN_1).union(TimeRangeSet.point(JAN_1 + DAY)));
    }

    @Test void dateParametersInEveryRepresentation() {
      TimeRangeSet jan1 = TimeRangeSet.of(JAN_1, JAN_1 + DAY);
      String p = "CAST(event_time AS DATE) = ?";
      assertRange(p, NOW.withParameters((int) (JAN_1 / DAY)), jan1);
      assertRange(p, NOW.withParameters(LocalDate.of(2024, 1, 1)), jan1);
      assertRange(p, NOW.withParameters(java.sql.Date.valueOf("2024-01-01")), jan1);
      assertRange(p, NOW.withParameters(new DateString("2024-01-01")), jan1);
    }

    @Test void planTimeKnowsNoRuntimeValueSoThatComparisonIsAllTime() {
      String p = "event_time > ? AND event_time < TIMESTAMP '2024-01-01 00:00:00'";
      assertThat(extractor.extract(sql.where(p))).isEqualTo(TimeRangeSet.lessThan(JAN_1));
      assertThat(extractor.extract(sql.where("event_time >= CURRENT_TIMESTAMP"))).isEqualTo(ALL);
      assertThat(extractor.extract(sql.where("event_time >= CURRENT_DATE - INTERVAL '1' DAY")))
          .isEqualTo(ALL);
    }

    @Test void dependsOnRuntimeValuesWhenATimeBoundNeedsOne() {
      assertThat(dependsOnRuntimeValues("event_time > ?")).isTrue();
      assertThat(dependsOnRuntimeValues("event_time >= CURRENT_DATE - INTERVAL '1' MONTH"))
          .isTrue();
      assertThat(dependsOnRuntimeValues("event_time >= LOCALTIMESTAMP")).isTrue();
      assertThat(dependsOnRuntimeValues("tenant_id = ? AND event_time > TIMESTAMP "
          + "'2024-01-01 00:00:00'")).isFalse();
      assertThat(dependsOnRuntimeValues("event_time > TIMESTAMP '2024-01-01 00:00:00'")).isFalse();
      assertThat(dependsOnRuntimeValues("amount > ?")).isFalse();
    }

    @Test void valuesFarOutsideAnyCalendarAreNotUnderstood() {
      assertRange("event_time > ?", NOW.withParameters(Long.MAX_VALUE), ALL);
      assertRange("CAST(event_time AS DATE) = ?", NOW.withParameters(Integer.MAX_VALUE), ALL);
      assertRange("EXTRACT(YEAR FROM event_time) = 9000000000", ALL);
      assertRange("event_time < TIMESTAMP '9999-12-31 23:59:59.999'",
          TimeRangeSet.lessThan(ts("9999-12-31 23:59:59.999")));
      assertRange("FLOOR(event_time TO YEAR) >= TIMESTAMP '0001-01-01 00:00:00'",
          TimeRangeSet.atLeast(ts("0001-01-01 00:00:00")));
    }

    private boolean dependsOnRuntimeValues(String predicate) {
      return extractor.dependsOnRuntimeValues(sql.where(predicate));
    }
  }

  @Nested class Limits {
    @Test void inListsLongEnoughToBecomeASubqueryAreNotUnderstood() {
      List<String> days = new ArrayList<>();
      for (int i = 1; i <= 21; i++) {
        days.add(String.format("TIMESTAMP '2024-01-%02d 00:00:00'", i));
      }
      assertThat(extractor.extract(sql.where("event_time IN (" + String.join(", ", days) + ")")))
          .isEqualTo(ALL);
    }

    @Test void theTimeColumnMustBeATimestamp() {
      RelDataTypeFactory types = new JavaTypeFactoryImpl();
      assertThatThrownBy(() -> new TimeRangeExtractor(EventsConditions.rowType(types), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("TENANT_ID must be a TIMESTAMP");
      assertThat(TimeRangeExtractor.forColumn(EventsConditions.rowType(types), "EVENT_TIME")
          .extract(sql.where("event_time >= TIMESTAMP '2024-01-01 00:00:00'")))
          .isEqualTo(TimeRangeSet.atLeast(JAN_1));
    }
  }

  @Nested class BackToAPredicate {
    @Test void predicateSelectsExactlyTheSet() {
      for (TimeRangeSet set : Arrays.asList(ALL, NONE, TimeRangeSet.point(JAN_1),
          TimeRangeSet.atLeast(JAN_1), TimeRangeSet.lessThan(JAN_1),
          TimeRangeSet.of(JAN_1, JAN_1 + DAY).union(TimeRangeSet.atLeast(JAN_1 + 3 * DAY)),
          TimeRangeSet.point(JAN_1).complement())) {
        RexNode predicate = set.toPredicate(sql.rexBuilder(), sql.timeColumn());
        assertThat(extractor.extract(predicate)).as(predicate.toString()).isEqualTo(set);
        assertThat(extractor.extract(sql.simplify(predicate))).isEqualTo(set);
      }
    }

    @Test void predicateReadsLikeTheSliceFilters() {
      RexNode timeColumn = sql.timeColumn();
      assertThat(TimeRangeSet.of(JAN_1, JAN_1 + DAY).union(TimeRangeSet.point(JAN_1 + 2 * DAY))
          .toPredicate(sql.rexBuilder(), timeColumn).toString())
          .isEqualTo("OR(AND(>=($0, 2024-01-01 00:00:00), <($0, 2024-01-02 00:00:00)),"
              + " =($0, 2024-01-03 00:00:00))");
      assertThat(ALL.toPredicate(sql.rexBuilder(), timeColumn).toString()).isEqualTo("true");
      assertThat(NONE.toPredicate(sql.rexBuilder(), timeColumn).toString()).isEqualTo("false");
    }
  }

  private void assertRange(String predicate, TimeRangeSet expected) {
    assertRange(predicate, NOW, expected);
  }

  /** The same range from the condition as converted, as simplified and as JDBC prepares it. */
  private void assertRange(String predicate, EvaluationContext context, TimeRangeSet expected) {
    RexNode converted = sql.where(predicate);
    assertThat(extractor.extract(converted, context))
        .as("%s (as converted: %s)", predicate, converted).isEqualTo(expected);
    RexNode simplified = sql.simplify(converted);
    assertThat(extractor.extract(simplified, context))
        .as("%s (simplified: %s)", predicate, simplified).isEqualTo(expected);
    RexNode checked = sql.checkedWhere(predicate);
    assertThat(extractor.extract(checked, context))
        .as("%s (checked: %s)", predicate, checked).isEqualTo(expected);
  }

  static long ts(String timestamp) {
    return new TimestampString(timestamp).getMillisSinceEpoch();
  }
}
