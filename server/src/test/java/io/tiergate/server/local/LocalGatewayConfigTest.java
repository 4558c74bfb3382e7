package io.tiergate.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiergate.local.demo.DemoDataset;
import io.tiergate.planner.catalog.ColumnSpec;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.TiergateConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalGatewayConfigTest {
  @Test void bundledTableDefinitionsMatchTheDemoData() {
    TiergateConfig config = new ConfigLoader(k -> k.startsWith("TIERGATE_") ? null : "1").parse(LocalGatewayConfig.template(),
        "bundled");
    List<ColumnSpec> events = config.tables().get("events").columns().entrySet().stream()
        .map(e -> ColumnSpec.parse(e.getKey(), e.getValue())).toList();
    assertThat(events).isEqualTo(DemoDataset.EVENT_COLUMNS);
    List<ColumnSpec> sessions = config.tables().get("sessions").columns().entrySet().stream()
        .map(e -> ColumnSpec.parse(e.getKey(), e.getValue())).toList();
    assertThat(sessions).isEqualTo(DemoDataset.SESSION_COLUMNS);
    assertThat(config.tables().get("events").timeColumn()).isEqualTo("event_time");
  }
}
