package io.tiergate.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tiergate.adapter.AdmissionGate;
import io.tiergate.adapter.AdmissionLimits;
import io.tiergate.adapter.StoreRequests;
import io.tiergate.adapter.StoreSaturatedException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A gated connection gives its turn back however it is closed, as Calcite closes it
 * ({@code resultSet.getStatement().getConnection().close()}) included, through the pooled
 * DataSource the gateway uses; Calcite's own in-process driver stands in for a store.
 */
class TurnConnectionTest {
  private final AdmissionGate gate = new AdmissionGate("athena",
      new AdmissionLimits(1, 0, Duration.ofSeconds(5)), () -> "", new SimpleMeterRegistry());
  private final DataSource dataSource = JdbcStoreSchemas.pooled("athena",
      "org.apache.calcite.jdbc.Driver", "jdbc:calcite:", "sa", "", new StoreRequests(
          new SimpleMeterRegistry()), "in-process", null, gate);

  @Test void closingThroughTheResultSetGivesTheTurnBack() throws Exception {
    for (int i = 0; i < 3; i++) {
      Connection c = dataSource.getConnection();
      ResultSet rs = c.createStatement().executeQuery("VALUES 1");
      assertThat(rs.next()).isTrue();
      assertThatThrownBy(dataSource::getConnection)
          .isInstanceOf(StoreSaturatedException.class); // the one turn is out
      Statement statement = rs.getStatement();
      Connection owner = statement.getConnection();
      assertThat(owner).isSameAs(c);
      rs.close();
      statement.close();
      owner.close();
    }
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.prepareStatement("VALUES 2").getConnection()).isSameAs(c);
    }
    gate.enter("next").close();
  }
}
