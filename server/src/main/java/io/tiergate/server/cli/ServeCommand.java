package io.tiergate.server.cli;

import io.tiergate.server.Gateway;
import io.tiergate.server.config.ConfigLoader;
import io.tiergate.server.config.TiergateConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway against the stores named in a configuration file (AWS in "
        + "production). Environment variables TIERGATE_<PATH> override any key.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The tiergate.yaml to use.")
  Path config;

  @Option(names = "--port", description = "Overrides server.port.")
  Integer port;

  @Override public Integer call() throws InterruptedException {
    TiergateConfig loaded = ConfigLoader.fromSystemEnvironment().load(config);
    if (port != null) {
      loaded = loaded.withServer(loaded.server().withPort(port));
    }
    Gateway gateway = Gateway.start(loaded);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.close();
      stopped.countDown();
    }, "tiergate-shutdown"));
    System.out.println("Tiergate serving: jdbc:tiergate://" + loaded.server().host() + ":"
        + gateway.port());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
