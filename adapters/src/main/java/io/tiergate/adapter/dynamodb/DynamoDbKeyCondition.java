package io.tiergate.adapter.dynamodb;

import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.planner.manifest.TimeSlice;
import io.tiergate.planner.range.EvaluationContext;
import io.tiergate.planner.range.TimeRangeExtractor;
import io.tiergate.planner.range.TimeRangeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

/**
 * What of a scan's filters a DynamoDB key can serve: the values the partition key may take
 * ({@code pk = v}, {@code pk IN (..)}, literal or bind parameter), the values each sort-key
 * suffix column may take, the time range (which the sort key
 * {@code <fixed-width ISO instant>#<rest of the key>} orders), and the full item keys of a
 * disjunction of full keys ({@code (pk = a AND t = x AND id = 1) OR (..)}). Filters are only
 * read here, never consumed: Calcite still applies every one of them, so a key condition may
 * select more than the filters do, never less.
 *
 * @param partitionValues the partition key's possible values (sorted), if filters fix them;
 *     an empty list when no value can match (pk = 'a' AND pk = 'b')
 * @param times the times the filters may select ({@link TimeRangeSet#ALL} if unknown)
 * @param suffixValues per sort-key suffix column fixed by the filters, its possible values
 * @param keyAlternatives the item keys of a filter that is a disjunction of full keys
 */
record DynamoDbKeyCondition(Optional<List<String>> partitionValues, TimeRangeSet times,
    Map<String, List<String>> suffixValues, Optional<List<ItemKey>> keyAlternatives) {
  /** Sort keys are fixed width for the years 0000 to 9999 only. */
  static final long FIRST_SORTABLE = -62_167_219_200_000L;
  static final long LAST_SORTABLE = 253_402_300_799_999L;

  DynamoDbKeyCondition {
    suffixValues = Map.copyOf(suffixValues);
  }

  /** An item's full primary key, in the values it is built from. */
  record ItemKey(String partitionValue, long time, List<String> suffixValues) {
    public ItemKey {
      suffixValues = List.copyOf(suffixValues);
    }

    String sortKey() {
      return DynamoDbItemCodec.sortKey(time, suffixValues);
    }
  }

  static DynamoDbKeyCondition of(List<RexNode> filters, DynamoDbTableLayout layout,
      EvaluationContext context) {
    int partitionKey = layout.columnIndex(layout.partitionKey());
    int timeColumn = layout.columnIndex(layout.timeColumn());
    TimeRangeExtractor extractor = new TimeRangeExtractor(timeColumn);
    SortedSet<String> partitionValues = null;
    Map<String, SortedSet<String>> suffixValues = new LinkedHashMap<>();
    TimeRangeSet times = TimeRangeSet.ALL;
    List<ItemKey> alternatives = null;
    for (RexNode filter : filters) {
      times = times.intersect(extractor.extract(filter, context));
      // Calcite may push the conjunction as one AND.
      for (RexNode conjunct : RelOptUtil.conjunctions(filter)) {
        Optional<SortedSet<String>> pk = values(conjunct, partitionKey,
            layout.columns().get(partitionKey), context);
        if (pk.isPresent()) {
          partitionValues = intersect(partitionValues, pk.get());
        }
        for (String suffix : layout.sortKeySuffixColumns()) {
          int column = layout.columnIndex(suffix);
          values(conjunct, column, layout.columns().get(column), context)
              .ifPresent(v -> suffixValues.merge(suffix, v, DynamoDbKeyCondition::intersect));
        }
        if (alternatives == null && conjunct.getKind() == SqlKind.OR) {
          alternatives = fullKeys((RexCall) conjunct, layout, extractor, context).orElse(null);
        }
      }
    }
    Map<String, List<String>> suffixes = new LinkedHashMap<>();
    suffixValues.forEach((k, v) -> suffixes.put(k, List.copyOf(v)));
    return new DynamoDbKeyCondition(
        Optional.ofNullable(partitionValues).map(List::copyOf), times, suffixes,
        Optional.ofNullable(alternatives));
  }

  /**
   * The full item keys the filters select, if they name at most {@code limit} of them: from a
   * disjunction of full keys (those of its keys the other filters allow), or the product of
   * the partition values, the single-millisecond times and every suffix column's values.
   */
  Optional<List<ItemKey>> fullKeys(DynamoDbTableLayout layout, int limit) {
    if (keyAlternatives.isPresent()) {
      List<String> suffixColumns = layout.sortKeySuffixColumns();
      List<ItemKey> allowed = keyAlternatives.get().stream()
          .filter(k -> partitionValues.map(v -> v.contains(k.partitionValue())).orElse(true))
          .filter(k -> times.contains(k.time()))
          .filter(k -> {
            for (int i = 0; i < suffixColumns.size(); i++) {
              List<String> values = suffixValues.get(suffixColumns.get(i));
              if (values != null && !values.contains(k.suffixValues().get(i))) {
                return false;
              }
            }
            return true;
          })
          .toList();
      return allowed.size() <= limit ? Optional.of(allowed) : Optional.empty();
    }
    if (partitionValues.isEmpty()
        || !suffixValues.keySet().containsAll(layout.sortKeySuffixColumns())) {
      return Optional.empty();
    }
    // Each millisecond of the times is one key: t IN (x, x + 1ms) is one slice of two.
    if (!times.slices().stream().allMatch(DynamoDbKeyCondition::sortable)) {
      return Optional.empty();
    }
    long count = partitionValues.get().size();
    for (String suffix : layout.sortKeySuffixColumns()) {
      count *= suffixValues.get(suffix).size();
    }
    if (count > limit) {
      return Optional.empty();
    }
    long instants = 0;
    for (TimeSlice slice : times.slices()) {
      instants += slice.toExclusive() - slice.fromInclusive();
      if (instants > limit) {
        return Optional.empty();
      }
    }
    if (count * instants > limit) {
      return Optional.empty();
    }
    List<List<String>> suffixProduct = new ArrayList<>(List.of(List.of()));
    for (String suffix : layout.sortKeySuffixColumns()) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : suffixProduct) {
        for (String value : suffixValues.get(suffix)) {
          List<String> extended = new ArrayList<>(prefix);
          extended.add(value);
          next.add(extended);
        }
      }
      suffixProduct = next;
    }
    List<ItemKey> keys = new ArrayList<>();
    for (String pk : partitionValues.get()) {
      for (TimeSlice slice : times.slices()) {
        for (long t = slice.fromInclusive(); t < slice.toExclusive(); t++) {
          for (List<String> suffix : suffixProduct) {
            keys.add(new ItemKey(pk, t, suffix));
          }
        }
      }
    }
    return Optional.of(keys);
  }

  /** The lower sort-key bound (inclusive), if the range has one a sort key can express. */
  Optional<String> sortKeyFrom() {
    return sortKeyFrom(times.span());
  }

  /** The upper sort-key bound (inclusive); see {@link #sortKeyTo(TimeSlice)}. */
  Optional<String> sortKeyTo() {
    return sortKeyTo(times.span());
  }

  static Optional<String> sortKeyFrom(TimeSlice span) {
    return span.hasLowerBound() && span.fromInclusive() >= FIRST_SORTABLE
        && span.fromInclusive() <= LAST_SORTABLE
        ? Optional.of(DynamoDbItemCodec.sortableTime(span.fromInclusive())) : Optional.empty();
  }

  /**
   * The upper sort-key bound (inclusive): every key of the range's last millisecond starts with
   * that instant and then {@code #}, so the instant followed by {@code ~} (which sorts after
   * {@code #}) is above them all and below every later instant.
   */
  static Optional<String> sortKeyTo(TimeSlice span) {
    return span.hasUpperBound() && span.toExclusive() - 1 >= FIRST_SORTABLE
        && span.toExclusive() - 1 <= LAST_SORTABLE
        ? Optional.of(DynamoDbItemCodec.sortableTime(span.toExclusive() - 1) + "~")
        : Optional.empty();
  }

  /** Bounded on both sides, within the years a sort key can hold. */
  private static boolean sortable(TimeSlice slice) {
    return slice.hasLowerBound() && slice.hasUpperBound()
        && slice.fromInclusive() >= FIRST_SORTABLE && slice.toExclusive() - 1 <= LAST_SORTABLE;
  }

  private static boolean isInstant(TimeSlice slice) {
    return slice.hasLowerBound() && slice.toExclusive() - slice.fromInclusive() == 1
        && slice.fromInclusive() >= FIRST_SORTABLE && slice.fromInclusive() <= LAST_SORTABLE;
  }

  private static SortedSet<String> intersect(SortedSet<String> a, SortedSet<String> b) {
    if (a == null) {
      return b;
    }
    SortedSet<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }

  /**
   * The values {@code column} may take where {@code conjunct} holds, if it fixes them:
   * {@code column = v}, {@code SEARCH(column, Sarg[points])} (IN), or an OR of those.
   */
  private static Optional<SortedSet<String>> values(RexNode conjunct, int column,
      ColumnSpec spec, EvaluationContext context) {
    if (conjunct.getKind() == SqlKind.OR) {
      SortedSet<String> all = new TreeSet<>();
      for (RexNode disjunct : ((RexCall) conjunct).getOperands()) {
        Optional<SortedSet<String>> some = values(disjunct, column, spec, context);
        if (some.isEmpty()) {
          return Optional.empty();
        }
        all.addAll(some.get());
      }
      return Optional.of(all);
    }
    if (conjunct.getKind() == SqlKind.EQUALS) {
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      RexNode left = operands.get(0);
      RexNode right = operands.get(1);
      if (right instanceof RexInputRef && !(left instanceof RexInputRef)) {
        RexNode swap = left;
        left = right;
        right = swap;
      }
      // The column bare: a cast of it (CAST(pk AS INTEGER) = 5) matches values other than '5'.
      if (!(left instanceof RexInputRef ref) || ref.getIndex() != column) {
        return Optional.empty();
      }
      return DynamoDbValues.keyText(right, spec, context).map(v -> new TreeSet<>(List.of(v)));
    }
    if (conjunct.getKind() == SqlKind.SEARCH) {
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      if (!(operands.get(0) instanceof RexInputRef ref) || ref.getIndex() != column
          || !(operands.get(1) instanceof RexLiteral literal)
          || !(literal.getValueAs(Sarg.class) instanceof Sarg<?> sarg)
          || !sarg.isPoints() || sarg.nullAs == RexUnknownAs.TRUE) {
        return Optional.empty();
      }
      SortedSet<String> points = new TreeSet<>();
      for (var range : sarg.rangeSet.asRanges()) {
        Optional<String> text = DynamoDbValues.keyText(range.lowerEndpoint(), spec);
        if (text.isEmpty()) {
          return Optional.empty();
        }
        points.add(text.get());
      }
      return Optional.of(points);
    }
    return Optional.empty();
  }

  /** The item keys of {@code (full key) OR (full key) ..}, if every disjunct is one. */
  private static Optional<List<ItemKey>> fullKeys(RexCall or, DynamoDbTableLayout layout,
      TimeRangeExtractor extractor, EvaluationContext context) {
    int partitionKey = layout.columnIndex(layout.partitionKey());
    List<ItemKey> keys = new ArrayList<>();
    for (RexNode disjunct : or.getOperands()) {
      Optional<List<String>> pk = single(disjunct, partitionKey, layout, context);
      TimeRangeSet time = extractor.extract(disjunct, context);
      if (pk.isEmpty() || time.slices().size() != 1 || !isInstant(time.slices().get(0))) {
        return Optional.empty();
      }
      List<String> suffix = new ArrayList<>();
      for (String column : layout.sortKeySuffixColumns()) {
        Optional<List<String>> value = single(disjunct, layout.columnIndex(column), layout,
            context);
        if (value.isEmpty()) {
          return Optional.empty();
        }
        suffix.add(value.get().get(0));
      }
      keys.add(new ItemKey(pk.get().get(0), time.slices().get(0).fromInclusive(), suffix));
    }
    return Optional.of(keys.stream().distinct().toList());
  }

  /** The one value a conjunction fixes {@code column} to, if it does. */
  private static Optional<List<String>> single(RexNode conjunction, int column,
      DynamoDbTableLayout layout, EvaluationContext context) {
    for (RexNode conjunct : RelOptUtil.conjunctions(conjunction)) {
      Optional<SortedSet<String>> values = values(conjunct, column, layout.columns().get(column),
          context);
      if (values.isPresent() && values.get().size() == 1) {
        return Optional.of(List.of(values.get().first()));
      }
    }
    return Optional.empty();
  }
}
