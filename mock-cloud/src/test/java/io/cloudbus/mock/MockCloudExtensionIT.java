package io.cloudbus.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One mock per class, reset before each test, injected as a parameter. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockCloudExtensionIT {
  @RegisterExtension
  static MockCloudExtension mock = new MockCloudExtension(List.of(new EchoEmulation()));

  private static MockCloud first;

  @Test
  @Order(1)
  void firstTestDirtiesTheMock(MockCloud cloud, MockCloudAdminClient admin) {
    first = cloud;
    cloud.context("echo").tokens().login("ann");
    admin.faults("echo", new JsonObject().put("rateLimited", true));
    assertThat(admin.stats().getJsonObject("echo").getLong("logins")).isEqualTo(1L);
    assertThat(cloud.port()).isPositive();
    assertThat(cloud.restPort()).isPositive().isNotEqualTo(cloud.port());
  }

  @Test
  @Order(2)
  void secondTestGetsTheSameMockReset(MockCloud cloud, MockCloudAdminClient admin) {
    assertThat(cloud).isSameAs(first);
    assertThat(admin.stats().getJsonObject("echo").getLong("logins")).isZero();
    assertThat(cloud.context("echo").faults()).isEqualTo(Faults.NONE);
    assertThat(cloud.emulation("echo", EchoEmulation.class).resets()).isEqualTo(2);
  }
}
