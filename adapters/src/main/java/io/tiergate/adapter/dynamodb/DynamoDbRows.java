package io.tiergate.adapter.dynamodb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Predicate1;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rows of one scan: each item read becomes a row of all the table's columns (those not read
 * are null), is kept if it passes the filters, then skipped for OFFSET or returned projected.
 * A one-column row is its value, as in Calcite's enumerables (a UNION with a JDBC branch relies
 * on it). Once FETCH rows are returned no item more is read: the paginator sends no next page, and a
 * parallel Scan's readers stop. The count is of rows that passed every filter, so a
 * FilterExpression that drops most of a page's items only makes the reader page on.
 */
final class DynamoDbRows implements Enumerator<@Nullable Object> {
  private final DynamoDbItemReader.Items items;
  private final Function<Map<String, AttributeValue>, Object[]> toRow;
  private final @Nullable Predicate1<Object[]> filter;
  private final int[] projection;
  private final @Nullable Integer fetch;
  /** The column to sort by before OFFSET and FETCH apply, or -1 when the items come in order. */
  private final int sortColumn;
  private int toSkip;
  private int returned;
  private @Nullable Iterator<Object[]> sorted;
  private @Nullable Object current;

  DynamoDbRows(DynamoDbItemReader.Items items, Function<Map<String, AttributeValue>,
      Object[]> toRow, @Nullable Predicate1<Object[]> filter, DynamoDbQuery query,
      int sortColumn) {
    this.items = items;
    this.toRow = toRow;
    this.filter = filter;
    this.projection = query.projection();
    this.fetch = query.fetch();
    this.toSkip = query.offset();
    this.sortColumn = sortColumn;
  }

  @Override public @Nullable Object current() {
    return current;
  }

  @Override public boolean moveNext() {
    try {
      if (fetch != null && returned >= fetch) {
        items.close(); // enough rows: not one more page
        return false;
      }
      Object[] row;
      while ((row = nextMatching()) != null) {
        if (toSkip > 0) {
          toSkip--;
          continue;
        }
        current = project(row);
        returned++;
        return true;
      }
      return false;
    } catch (RuntimeException e) {
      items.close(); // a parallel Scan's readers stop now, not when the buffer fills
      throw e;
    }
  }

  private @Nullable Object[] nextMatching() {
    if (sortColumn >= 0) {
      if (sorted == null) {
        sorted = sortAll();
      }
      return sorted.hasNext() ? sorted.next() : null;
    }
    while (items.hasNext()) {
      Object[] row = toRow.apply(items.next());
      if (filter == null || filter.apply(row)) {
        return row;
      }
    }
    return null;
  }

  /** Every matching row, in time order: for a path (several Queries, BatchGetItem) without it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Iterator<Object[]> sortAll() {
    List<Object[]> rows = new ArrayList<>();
    while (items.hasNext()) {
      Object[] row = toRow.apply(items.next());
      if (filter == null || filter.apply(row)) {
        rows.add(row);
      }
    }
    rows.sort(Comparator.comparing(r -> (Comparable) r[sortColumn],
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return rows.iterator();
  }

  /** One column as its value (as Calcite represents a one-column row), more as an array. */
  private @Nullable Object project(Object[] row) {
    if (projection.length == 1) {
      return row[projection[0]];
    }
    Object[] projected = new Object[projection.length];
    for (int i = 0; i < projection.length; i++) {
      projected[i] = row[projection[i]];
    }
    return projected;
  }

  @Override public void reset() {
    throw new UnsupportedOperationException();
  }

  @Override public void close() {
    items.close();
  }
}
