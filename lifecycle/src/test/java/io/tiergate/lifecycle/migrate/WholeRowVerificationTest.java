package io.tiergate.lifecycle.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiergate.adapter.s3.S3StorageClass;
import io.tiergate.planner.manifest.Tier;
import io.tiergate.planner.manifest.TierManifest;
import io.tiergate.planner.manifest.TimeSlice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VERIFY compares whole rows: one non-key value changed on the way (in the Parquet file a COPY
 * wrote, or in the warm table after the load) fails the job before its FLIP, and nothing a
 * query sees changes; the next run moves the right values.
 */
@ExtendWith(LifecycleEngines.Extension.class)
class WholeRowVerificationTest {
  private static final AtomicInteger SCENARIOS = new AtomicInteger();
  private static final List<String> COLUMNS = MigrationScenario.COLUMNS.stream()
      .map(c -> c.name()).toList();
  private static final int AMOUNT = COLUMNS.indexOf("amount");
  private static LifecycleEngines engines;

  @BeforeAll static void engines(LifecycleEngines shared) {
    engines = shared;
  }

  /** Where one value goes wrong, after COPY and before VERIFY of {@link #transition}. */
  enum Corruption {
    /** The job's file on the warm prefix, as if written wrong and then loaded as it was. */
    WARM_PARQUET_BEFORE_LOAD(Transition.HOT_TO_WARM),
    /** The job's file on the cold prefix: an amount lost (NULL). */
    COLD_PARQUET(Transition.WARM_TO_COLD),
    /** The warm table after a correct load. */
    WARM_TABLE_AFTER_LOAD(Transition.HOT_TO_WARM);

    final Transition transition;

    Corruption(Transition transition) {
      this.transition = transition;
    }
  }

  @ParameterizedTest @EnumSource(Corruption.class)
  void aValueChangedOnTheWayFailsVerifyAndChangesNothingVisible(Corruption corruption) {
    MigrationScenario s = MigrationScenario.create(engines, "v" + SCENARIOS.incrementAndGet(),
        System.currentTimeMillis());
    AtomicReference<MigrationJob> corrupted = new AtomicReference<>();
    AtomicReference<TierManifest> atVerify = new AtomicReference<>();
    MigrationRunner runner = s.runner("gateway-1", ActiveQueries.NONE, new StepHook() {
      @Override public void before(MigrationJob job, Step step) {
        if (job.transition() == corruption.transition && step == Step.VERIFY
            && corrupted.compareAndSet(null, job)) {
          atVerify.set(s.manifests.current(s.name));
          corrupt(s, job, corruption);
        }
      }
    });

    assertThatThrownBy(() -> runner.migrate(s.name, false))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("failed at VERIFY and changed nothing visible")
        .hasMessageContaining(corruption.transition + " of " + s.name)
        .hasMessageContaining("the source held " + corrupted.get().source())
        .hasMessageContaining(corruption == Corruption.WARM_TABLE_AFTER_LOAD
            ? "lc." + s.name + " holds " + corrupted.get().source().rows() + " rows, checksum "
            : "its Parquet files on s3://");
    MigrationJob job = corrupted.get();
    assertThat(s.jobs.all()).filteredOn(j -> j.id().equals(job.id())).singleElement()
        .satisfies(j -> assertThat(j.state()).isEqualTo(MigrationJob.State.FAILED));
    assertThat(s.manifests.current(s.name)).as("the manifest did not flip")
        .isEqualTo(atVerify.get());
    Tier from = job.transition() == Transition.HOT_TO_WARM ? Tier.HOT : Tier.WARM;
    TimeSlice moved = atVerify.get().slice(from).intersect(job.slice());
    List<Object[]> source = from == Tier.HOT
        ? s.lifecycle.hot().rows(moved) : s.lifecycle.warm().rows(moved);
    assertThat(s.lifecycle.checksum(source)).as("the source still holds every row as it was")
        .isEqualTo(s.lifecycle.checksum(inSlice(s, moved)))
        .isEqualTo(job.source());
    assertThat(s.visible()).isEqualTo(s.expected(atVerify.get()));

    // What the failed job wrote is gone: the next run moves the right values.
    s.runner("gateway-1", ActiveQueries.NONE, StepHook.NONE).migrate(s.name, false);
    TierManifest end = s.manifests.current(s.name);
    assertThat(end.version()).isGreaterThan(atVerify.get().version());
    assertThat(s.visible(end)).isEqualTo(s.expected(end));
  }

  private static List<Object[]> inSlice(MigrationScenario s, TimeSlice slice) {
    return s.rows.stream().filter(r -> slice.contains(s.lifecycle.time(r))).toList();
  }

  private static void corrupt(MigrationScenario s, MigrationJob job, Corruption corruption) {
    TableLifecycle t = s.lifecycle;
    switch (corruption) {
      case WARM_PARQUET_BEFORE_LOAD -> {
        ColdSliceStore files = t.warm().files();
        LocalDate day = files.daysWithPart(job.slice(), job.sequence()).get(0);
        rewriteFirstRow(files, job, day, S3StorageClass.STANDARD, r -> r[AMOUNT] = 1e9);
        t.warm().reload(day);
      }
      case COLD_PARQUET -> {
        ColdSliceStore files = t.cold();
        LocalDate day = files.daysWithPart(job.slice(), job.sequence()).get(0);
        rewriteFirstRow(files, job, day, S3StorageClass.fromAws(job.storageClass()),
            r -> r[AMOUNT] = null);
      }
      case WARM_TABLE_AFTER_LOAD -> {
        ColdSliceStore files = t.warm().files();
        LocalDate day = files.daysWithPart(job.slice(), job.sequence()).get(0);
        Object[] row = files.read(day, job.sequence(), COLUMNS).get(0);
        try (Connection c = engines.warm().getConnection(); PreparedStatement st =
            c.prepareStatement("UPDATE lc." + s.name + " SET amount = amount + 0.25"
                + " WHERE tenant_id = ? AND event_id = ?")) {
          st.setString(1, (String) row[0]);
          st.setString(2, (String) row[1]);
          assertThat(st.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> throw new AssertionError(corruption);
    }
  }

  /** Writes the job's file of {@code day} again with its first row changed. */
  private static void rewriteFirstRow(ColdSliceStore files, MigrationJob job, LocalDate day,
      S3StorageClass storageClass, java.util.function.Consumer<Object[]> change) {
    List<Object[]> rows = files.read(day, job.sequence(), COLUMNS);
    change.accept(rows.get(0));
    files.write(day, job.sequence(), rows, storageClass);
  }
}
