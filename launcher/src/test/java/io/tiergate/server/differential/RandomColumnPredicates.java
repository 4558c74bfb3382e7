package io.tiergate.server.differential;

import java.util.Random;
import java.util.function.Supplier;

/**
 * Random predicates on the columns of {@code events} other than the time, over the values the
 * demo dataset and the edge rows hold (50 tenants, five kinds, five regions, amounts from 0 to
 * 500 for purchases and refunds only, NULL otherwise), so that most select some rows and some
 * select none.
 */
final class RandomColumnPredicates {
  static final String[] KINDS = {"view", "click", "purchase", "signup", "refund"};
  static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1",
      "ap-south-1"};

  private final Random random;

  RandomColumnPredicates(Random random) {
    this.random = random;
  }

  /** A predicate on one column, chosen at random; its values written through {@code values}. */
  String predicate(QueryValues values) {
    return switch (random.nextInt(7)) {
      case 0 -> tenant(values);
      case 1 -> eventId(values);
      case 2 -> kind(values);
      case 3, 4 -> amount(values);
      case 5 -> user(values);
      default -> region(values);
    };
  }

  private String tenant(QueryValues values) {
    return switch (random.nextInt(5)) {
      case 0 -> "tenant_id = " + values.of(this::tenantId);
      case 1 -> "tenant_id IN (" + values.of(this::tenantId) + ", " + values.of(this::tenantId)
          + ", " + values.of(this::tenantId) + ")";
      case 2 -> "tenant_id <> " + values.of(this::tenantId);
      case 3 -> "tenant_id LIKE " + values.of(() -> "tenant-" + random.nextInt(5) + "%");
      default -> "tenant_id >= " + values.of(this::tenantId);
    };
  }

  private String eventId(QueryValues values) {
    return switch (random.nextInt(4)) {
      case 0 -> "event_id LIKE " + values.of(() -> "e0000" + random.nextInt(2) + "%");
      case 1 -> "event_id < " + values.of(() -> String.format("e%09d", random.nextInt(20_000)));
      case 2 -> "event_id LIKE 'edge-%'";
      default -> "event_id NOT LIKE " + values.of(() -> "%" + random.nextInt(10));
    };
  }

  private String kind(QueryValues values) {
    return switch (random.nextInt(5)) {
      case 0, 1 -> "kind = " + values.of(() -> pick(KINDS));
      case 2 -> "kind IN (" + values.of(() -> pick(KINDS)) + ", " + values.of(() -> pick(KINDS))
          + ")";
      case 3 -> "kind <> " + values.of(() -> pick(KINDS));
      default -> "kind IS NOT NULL";
    };
  }

  private String amount(QueryValues values) {
    Supplier<Object> amount = () -> random.nextInt(4) == 0 ? (double) random.nextInt(501)
        : random.nextInt(50_001) / 100.0;
    return switch (random.nextInt(6)) {
      case 0 -> "amount > " + values.of(amount);
      case 1 -> "amount <= " + values.of(amount);
      case 2 -> "amount BETWEEN " + values.of(amount) + " AND " + values.of(amount);
      case 3 -> "amount IS NULL";
      case 4 -> "amount IS NOT NULL";
      default -> "(amount < " + values.of(amount) + " OR amount IS NULL)";
    };
  }

  private String user(QueryValues values) {
    return switch (random.nextInt(3)) {
      case 0 -> "user_id = " + values.of(() -> String.format("user-%05d", random.nextInt(5_000)));
      case 1 -> "user_id LIKE " + values.of(() -> String.format("user-0%d%%", random.nextInt(5)));
      default -> "user_id > " + values.of(() -> String.format("user-%05d", random.nextInt(5_000)));
    };
  }

  private String region(QueryValues values) {
    return switch (random.nextInt(3)) {
      case 0 -> "region = " + values.of(() -> pick(REGIONS));
      case 1 -> "region IN (" + values.of(() -> pick(REGIONS)) + ", "
          + values.of(() -> pick(REGIONS)) + ")";
      default -> "region LIKE " + values.of(() -> random.nextBoolean() ? "eu-%" : "%-1");
    };
  }

  private Object tenantId() {
    return String.format("tenant-%02d", random.nextInt(52)); // 50 and 51: no such tenant
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
