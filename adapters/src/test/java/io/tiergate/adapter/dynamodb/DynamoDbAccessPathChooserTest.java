package io.tiergate.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.BatchGetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayBucket;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.DayIndexQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.GetItem;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.NoRows;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.ParallelScan;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.PartitionQuery;
import io.tiergate.adapter.dynamodb.DynamoDbAccessPath.SortKeyRange;
import io.tiergate.adapter.dynamodb.DynamoDbKeyCondition.ItemKey;
import io.tiergate.planner.range.EvaluationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Which access path each shape of filter gets, with its exact keys and sort-key ranges. */
class DynamoDbAccessPathChooserTest {
  private final Filters f = new Filters();
  private final DynamoDbReadOptions options = new DynamoDbReadOptions(false, 3, 2, 5, 4);

  private DynamoDbAccessPath choose(DynamoDbReadOptions o, EvaluationContext context,
      RexNode... filters) {
    return new DynamoDbAccessPathChooser(Filters.LAYOUT, o)
        .choose(DynamoDbKeyCondition.of(List.of(filters), Filters.LAYOUT, context));
  }

  private DynamoDbAccessPath choose(RexNode... filters) {
    return choose(options, EvaluationContext.PLAN_TIME, filters);
  }

  private RexNode from(String t) {
    return f.call(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, f.time, f.at(t));
  }

  private RexNode after(String t) {
    return f.call(SqlStdOperatorTable.GREATER_THAN, f.time, f.at(t));
  }

  private RexNode before(String t) {
    return f.call(SqlStdOperatorTable.LESS_THAN, f.time, f.at(t));
  }

  private RexNode upTo(String t) {
    return f.call(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, f.time, f.at(t));
  }

  private static SortKeyRange range(String from, String to) {
    return new SortKeyRange(Optional.ofNullable(from), Optional.ofNullable(to));
  }

  @Test void theWholePrimaryKeyIsOneGetItem() {
    assertThat(choose(f.eq(f.tenant, f.text("a")), f.eq(f.eventId, f.text("e1")),
        f.eq(f.time, f.at("2026-11-01 10:00:00")))).isEqualTo(new GetItem(
            new ItemKey("a", f.millis("2026-11-01 10:00:00"), List.of("e1"))));
  }

  @Test void bindParametersMakeTheKeyAtExecution() {
    RexNode[] filters = {f.eq(f.tenant, f.param(SqlTypeName.VARCHAR, 0)),
        f.eq(f.eventId, f.param(SqlTypeName.VARCHAR, 1)),
        f.eq(f.time, f.at("2026-11-01 10:00:00"))};
    assertThat(choose(options, EvaluationContext.PLAN_TIME, filters))
        .isEqualTo(new DayIndexQuery(List.of(new DayBucket("2026-11-01",
            range("2026-11-01T10:00:00.000Z", "2026-11-01T10:00:00.000Z~")))));
    assertThat(choose(options, EvaluationContext.atExecution(0L, "a", "e1"), filters))
        .isEqualTo(new GetItem(new ItemKey("a", f.millis("2026-11-01 10:00:00"),
            List.of("e1"))));
  }

  @Test void inListsOfFullKeysAreOneBatchGetItem() {
    assertThat(choose(f.eq(f.tenant, f.text("a")),
        f.in(f.eventId, f.text("e2"), f.text("e1")),
        f.in(f.time, f.at("2026-11-01 10:00:00"), f.at("2026-11-01 11:00:00"))))
        .isEqualTo(new BatchGetItem(List.of(
            new ItemKey("a", f.millis("2026-11-01 10:00:00"), List.of("e1")),
            new ItemKey("a", f.millis("2026-11-01 10:00:00"), List.of("e2")),
            new ItemKey("a", f.millis("2026-11-01 11:00:00"), List.of("e1")),
            new ItemKey("a", f.millis("2026-11-01 11:00:00"), List.of("e2")))));
  }

  @Test void moreFullKeysThanTheLimitAreQueriedInstead() {
    assertThat(choose(f.eq(f.tenant, f.text("a")),
        f.in(f.eventId, f.text("e1"), f.text("e2"), f.text("e3")),
        f.in(f.time, f.at("2026-11-01 10:00:00"), f.at("2026-11-01 11:00:00"))))
        .isEqualTo(new PartitionQuery(List.of("a"),
            range("2026-11-01T10:00:00.000Z", "2026-11-01T11:00:00.000Z~")));
  }

  @Test void aPartitionValueIsOneQueryWithExactBounds() {
    assertThat(choose(f.eq(f.tenant, f.text("a")), from("2026-11-01 00:00:00"),
        before("2026-11-02 00:00:00"))).isEqualTo(new PartitionQuery(List.of("a"),
            range("2026-11-01T00:00:00.000Z", "2026-11-01T23:59:59.999Z~")));
    assertThat(choose(f.eq(f.tenant, f.text("a")), after("2026-11-01 00:00:00"),
        upTo("2026-11-02 00:00:00"))).isEqualTo(new PartitionQuery(List.of("a"),
            range("2026-11-01T00:00:00.001Z", "2026-11-02T00:00:00.000Z~")));
    assertThat(choose(f.eq(f.tenant, f.text("a")))).isEqualTo(
        new PartitionQuery(List.of("a"), SortKeyRange.ALL));
    assertThat(choose(f.eq(f.tenant, f.text("a")), after("2026-11-01 00:00:00")))
        .isEqualTo(new PartitionQuery(List.of("a"), range("2026-11-01T00:00:00.001Z", null)));
  }

  @Test void aSmallInListOfPartitionValuesIsOneQueryEach() {
    assertThat(choose(f.in(f.tenant, f.text("b"), f.text("a")), upTo("2026-11-02 00:00:00")))
        .isEqualTo(new PartitionQuery(List.of("a", "b"),
            range(null, "2026-11-02T00:00:00.000Z~")));
  }

  @Test void aBoundedRangeOfFewDaysIsOneDayIndexQueryPerDayClippedToIt() {
    assertThat(choose(from("2026-11-01 18:00:00"), before("2026-11-03 06:00:00")))
        .isEqualTo(new DayIndexQuery(List.of(
            new DayBucket("2026-11-01",
                range("2026-11-01T18:00:00.000Z", "2026-11-01T23:59:59.999Z~")),
            new DayBucket("2026-11-02",
                range("2026-11-02T00:00:00.000Z", "2026-11-02T23:59:59.999Z~")),
            new DayBucket("2026-11-03",
                range("2026-11-03T00:00:00.000Z", "2026-11-03T05:59:59.999Z~")))));
    // Too many partition values for one Query each: the day index instead.
    assertThat(choose(f.in(f.tenant, f.text("a"), f.text("b"), f.text("c")),
        from("2026-11-01 00:00:00"), before("2026-11-02 00:00:00")))
        .isEqualTo(new DayIndexQuery(List.of(new DayBucket("2026-11-01",
            range("2026-11-01T00:00:00.000Z", "2026-11-01T23:59:59.999Z~")))));
  }

  @Test void daysBetweenSlicesOfTheRangeAreNotRead() {
    assertThat(choose(f.or(
        f.and(from("2026-11-01 22:00:00"), before("2026-11-02 00:00:00")),
        f.and(after("2026-11-03 01:00:00"), upTo("2026-11-03 02:00:00")))))
        .isEqualTo(new DayIndexQuery(List.of(
            new DayBucket("2026-11-01",
                range("2026-11-01T22:00:00.000Z", "2026-11-01T23:59:59.999Z~")),
            new DayBucket("2026-11-03",
                range("2026-11-03T01:00:00.001Z", "2026-11-03T02:00:00.000Z~")))));
  }

  @Test void anUnboundedOrLongRangeOrNothingIsAParallelScan() {
    assertThat(choose(from("2026-11-01 00:00:00"))).isEqualTo(new ParallelScan(4));
    assertThat(choose(before("2026-11-01 00:00:00"))).isEqualTo(new ParallelScan(4));
    assertThat(choose(from("2026-11-01 00:00:00"), before("2026-11-04 00:00:01")))
        .isEqualTo(new ParallelScan(4));
    assertThat(choose()).isEqualTo(new ParallelScan(4));
    assertThat(choose(f.eq(f.kind, f.text("click")))).isEqualTo(new ParallelScan(4));
  }

  @Test void aConsistentReadNeverUsesTheDayIndex() {
    assertThat(choose(options.withConsistentRead(true), EvaluationContext.PLAN_TIME,
        from("2026-11-01 00:00:00"), before("2026-11-02 00:00:00")))
        .isEqualTo(new ParallelScan(4));
  }

  @Test void nothingCanMatchIsNoRequest() {
    assertThat(choose(from("2026-11-02 00:00:00"), before("2026-11-01 00:00:00")))
        .isEqualTo(new NoRows());
    assertThat(choose(f.eq(f.tenant, f.text("a")), f.eq(f.tenant, f.text("b"))))
        .isEqualTo(new NoRows());
    assertThat(choose(f.eq(f.eventId, f.text("a")), f.eq(f.eventId, f.text("b"))))
        .isEqualTo(new NoRows());
    // Full keys that the other filters all rule out.
    assertThat(choose(f.or(
        f.and(f.eq(f.tenant, f.text("a")), f.eq(f.eventId, f.text("e1")),
            f.eq(f.time, f.at("2026-11-01 10:00:00"))),
        f.and(f.eq(f.tenant, f.text("b")), f.eq(f.eventId, f.text("e2")),
            f.eq(f.time, f.at("2026-11-01 10:00:00")))), f.eq(f.tenant, f.text("c"))))
        .isEqualTo(new NoRows());
  }

  @Test void aNumberComparedWithTheVarcharPartitionKeyIsNoKey() {
    // tenant_id = 5 fixes no S value: the row filter (Calcite) decides, over a Scan.
    assertThat(choose(f.eq(f.tenant, f.number("5")))).isEqualTo(new ParallelScan(4));
  }

  @Test void timesOutsideTheSortableYearsAreNoBound() {
    assertThat(choose(f.eq(f.tenant, f.text("a")), from("0001-01-01 00:00:00")))
        .isEqualTo(new PartitionQuery(List.of("a"), range("0001-01-01T00:00:00.000Z", null)));
    // Before year 0 a sort key has no fixed width: no bound rather than a wrong one.
    io.tiergate.planner.manifest.TimeSlice early = new io.tiergate.planner.manifest.TimeSlice(
        DynamoDbKeyCondition.FIRST_SORTABLE - 1, DynamoDbKeyCondition.FIRST_SORTABLE);
    assertThat(DynamoDbKeyCondition.sortKeyFrom(early)).isEmpty();
    assertThat(DynamoDbKeyCondition.sortKeyTo(early)).isEmpty();
  }

  @Test void aDayIndexQueryLimitOfZeroAlwaysScans() {
    DynamoDbReadOptions none = new DynamoDbReadOptions(false, 0, 0, 0, 2);
    List<RexNode> filters = new ArrayList<>(List.of(f.eq(f.tenant, f.text("a")),
        f.eq(f.time, f.at("2026-11-01 10:00:00")), f.eq(f.eventId, f.text("e1"))));
    assertThat(choose(none, EvaluationContext.PLAN_TIME, filters.toArray(RexNode[]::new)))
        .isEqualTo(new ParallelScan(2));
  }
}
